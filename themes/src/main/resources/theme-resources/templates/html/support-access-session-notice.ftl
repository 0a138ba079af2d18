<html>
<body>
<p>${msg("supportAccessNoticeGreeting")}</p>
<p>${msg("supportAccessNoticeSessionStartedBody", who, asWhom, realmName, tenant, time, supportLogin)}</p>
<#if reason?has_content>
<p>${msg("supportAccessNoticeReason", reason)}</p>
</#if>
<p>${msg("supportAccessNoticeWhy", tenant)}</p>
</body>
</html>
