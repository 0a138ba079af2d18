<html>
<body>
<p>${msg("supportAccessNoticeGreeting")}</p>
<p>${msg(bodyKey, who, realmName, tenant, time)}</p>
<#if openUntil?has_content>
<p>${msg("supportAccessNoticeOpenUntil", openUntil)}</p>
<#else>
<p>${msg("supportAccessNoticeClosed")}</p>
</#if>
<p>${msg("supportAccessNoticeWhy", tenant)}</p>
</body>
</html>
