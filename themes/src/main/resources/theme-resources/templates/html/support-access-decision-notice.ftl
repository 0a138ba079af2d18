<html>
<body>
<p>${msg("supportAccessNoticeGreeting")}</p>
<p>${msg(bodyKey, who, tenant, time, asWhom?has_content?then(asWhom, msg("supportAccessNoticeAnyUser")), openUntil)}</p>
<p>${msg("supportAccessNoticeReason", reason)}</p>
<#if comment?has_content>
<p>${msg("supportAccessNoticeComment", comment)}</p>
</#if>
</body>
</html>
