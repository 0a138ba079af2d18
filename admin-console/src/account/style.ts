import type { CSSProperties } from "react";

/** Cards flush with the page title and the banner (PatternFly's own card variables). */
export const FLUSH_CARD = {
  "--pf-v5-c-card--child--PaddingLeft": "0",
  "--pf-v5-c-card--child--PaddingRight": "0",
  "--pf-v5-c-card--first-child--PaddingTop": "0",
} as CSSProperties;
