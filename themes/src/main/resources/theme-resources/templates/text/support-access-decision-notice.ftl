<#ftl output_format="plainText">
${msg("supportAccessNoticeGreeting")}

${msg(bodyKey, who, tenant, time, asWhom?has_content?then(asWhom, msg("supportAccessNoticeAnyUser")), openUntil)}

${msg("supportAccessNoticeReason", reason)}
<#if comment?has_content>

${msg("supportAccessNoticeComment", comment)}
</#if>
