import {
  Chip,
  ChipGroup,
  MenuToggle,
  MenuToggleElement,
  Select,
  SelectList,
  SelectOption,
  TextInputGroup,
  TextInputGroupMain,
} from "@patternfly/react-core";
import { Ref, useState } from "react";
import { useSaT } from "./messages";

type Props = { id: string; options: string[]; value: string[]; onChange: (value: string[]) => void };

/** Typeahead multi-select of tenant IDs; Enter adds what was typed (the server validates it). */
export const TenantPicker = ({ id, options, value, onChange }: Props) => {
  const { t } = useSaT();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState("");
  const shown = options.filter((o) => !value.includes(o) && o.toLowerCase().includes(filter.toLowerCase()));
  const add = (tenant: string) => {
    if (tenant && !value.includes(tenant)) onChange([...value, tenant]);
    setFilter("");
    setOpen(false);
  };

  const toggle = (ref: Ref<MenuToggleElement>) => (
    <MenuToggle ref={ref} variant="typeahead" onClick={() => setOpen(!open)} isExpanded={open} isFullWidth>
      <TextInputGroup isPlain>
        <TextInputGroupMain
          inputId={id}
          value={filter}
          placeholder={t("tenantsPick")}
          autoComplete="off"
          onClick={() => setOpen(true)}
          onChange={(_event, text) => {
            setFilter(text);
            setOpen(true);
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              add(filter.trim());
            }
          }}
        >
          <ChipGroup>
            {value.map((tenant) => (
              <Chip key={tenant} id={`${id}-chip-${tenant}`} onClick={() => onChange(value.filter((v) => v !== tenant))}>
                {tenant}
              </Chip>
            ))}
          </ChipGroup>
        </TextInputGroupMain>
      </TextInputGroup>
    </MenuToggle>
  );

  return (
    <Select id={`${id}-select`} isOpen={open && shown.length > 0} selected={value}
      onSelect={(_event, selection) => add(String(selection))} onOpenChange={setOpen} toggle={toggle}>
      <SelectList>
        {shown.map((tenant) => (
          <SelectOption key={tenant} value={tenant} id={`${id}-option-${tenant}`}>
            {tenant}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
};
