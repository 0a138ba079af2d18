<#ftl output_format="plainText">
${msg("supportAccessTenantSuspendedGreeting")}

${msg("supportAccessTenantSuspendedBody", company, tenantId)}

${msg("supportAccessTenantSuspendedDataKept")}
