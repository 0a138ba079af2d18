<html>
<body>
<p>${msg("supportAccessNoticeGreeting")}</p>
<p>${msg(bodyKey, who, realmName, tenant, time, asWhom?has_content?then(asWhom, msg("supportAccessNoticeAnyUser")))}</p>
<p>${msg("supportAccessNoticeReason", reason)}</p>
<p>${msg("supportAccessNoticeDecideUntil", openUntil)}</p>
<p>${msg("supportAccessNoticeWhyApprover", tenant)}</p>
</body>
</html>
