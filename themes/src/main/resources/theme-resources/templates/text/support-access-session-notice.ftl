<#ftl output_format="plainText">
${msg("supportAccessNoticeGreeting")}

${msg("supportAccessNoticeSessionStartedBody", who, asWhom, realmName, tenant, time, supportLogin)}
<#if reason?has_content>

${msg("supportAccessNoticeReason", reason)}
</#if>

${msg("supportAccessNoticeWhy", tenant)}
