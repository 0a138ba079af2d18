<#ftl output_format="plainText">
${msg("supportAccessNoticeGreeting")}

${msg(bodyKey, who, realmName, tenant, time)}

<#if openUntil?has_content>
${msg("supportAccessNoticeOpenUntil", openUntil)}
<#else>
${msg("supportAccessNoticeClosed")}
</#if>

${msg("supportAccessNoticeWhy", tenant)}
