<html>
<body>
<p>${msg("supportAccessTenantSuspendedGreeting")}</p>
<p>${msg("supportAccessTenantSuspendedBody", company, tenantId)}</p>
<p>${msg("supportAccessTenantSuspendedDataKept")}</p>
</body>
</html>
