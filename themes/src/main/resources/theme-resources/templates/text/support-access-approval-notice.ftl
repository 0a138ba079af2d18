<#ftl output_format="plainText">
${msg("supportAccessNoticeGreeting")}

${msg(bodyKey, who, realmName, tenant, time, asWhom?has_content?then(asWhom, msg("supportAccessNoticeAnyUser")))}

${msg("supportAccessNoticeReason", reason)}

${msg("supportAccessNoticeDecideUntil", openUntil)}

${msg("supportAccessNoticeWhyApprover", tenant)}
