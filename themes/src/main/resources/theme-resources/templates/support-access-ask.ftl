<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: support-access-ask.ftl -->
    <#if section="header">
        ${msg("supportAccessAskTitle")}
    <#elseif section="form">
        <#if supportAskSent??>
            <p id="support-access-ask-sent">${msg("supportAccessAskSent", supportTenant, supportAskPendingUntil)}</p>
            <p><a id="support-access-ask-back" href="${url.loginRestartFlowUrl}">${msg("supportAccessAskBack")}</a></p>
        <#elseif supportAskWaitingUntil??>
            <p id="support-access-ask-waiting">${msg("supportAccessAskWaiting", supportTenant, supportAskWaitingUntil)}</p>
            <p><a id="support-access-ask-back" href="${url.loginRestartFlowUrl}">${msg("supportAccessAskBack")}</a></p>
        <#else>
        <#if supportAskDeniedBy??>
        <p id="support-access-ask-denied">${msg("supportAccessAskDenied", supportAskDeniedBy, supportAskDeniedComment)}</p>
        </#if>
        <p id="support-access-ask-info">${msg("supportAccessAskInfo", supportTenant)}</p>
        <form id="kc-support-access-ask-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="support_ask_reason" class="${properties.kcLabelClass!}">${msg("supportAccessReasonLabel")}</label>
                <input id="support_ask_reason" name="support_ask_reason" type="text" autocomplete="off" autofocus required
                       maxlength="${supportReasonMaxLength?c}" value="${supportAskReason!""}" class="${properties.kcInputClass!}" />
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <label for="support_ask_hours" class="${properties.kcLabelClass!}">${msg("supportAccessAskHoursLabel", supportAskMaxHours?c)}</label>
                <input id="support_ask_hours" name="support_ask_hours" type="number" min="1" max="${supportAskMaxHours?c}" required
                       value="${supportAskMaxHours?c}" class="${properties.kcInputClass!}" />
            </div>
            <#if supportAskTarget?has_content>
            <div class="${properties.kcFormGroupClass!}">
                <label><input id="support_ask_any_user" name="support_ask_any_user" type="checkbox" <#if supportAskAnyUser>checked</#if> />
                    ${msg("supportAccessAskAnyUser", supportAskTarget)}</label>
            </div>
            <#else>
            <p id="support-access-ask-any">${msg("supportAccessAskAnyUserOnly")}</p>
            </#if>
            <div class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                       name="ask" id="kc-support-access-ask" type="submit" value="${msg("supportAccessAskSubmit")}" />
            </div>
        </form>
        <p><a id="support-access-ask-back" href="${url.loginRestartFlowUrl}">${msg("supportAccessAskBack")}</a></p>
        </#if>
    </#if>
</@layout.registrationLayout>
