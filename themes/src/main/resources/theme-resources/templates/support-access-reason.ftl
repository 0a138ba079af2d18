<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: support-access-reason.ftl -->
    <#if section="header">
        ${msg("supportAccessReasonTitle")}
    <#elseif section="form">
        <p id="support-access-reason-info">${msg("supportAccessReasonInfo", supportLogin!"")}</p>
        <form id="kc-support-access-reason-form" class="${properties.kcFormClass!}" onsubmit="login.disabled = true; return true;"
              action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="support_reason" class="${properties.kcLabelClass!}">${msg("supportAccessReasonLabel")}</label>
                <input id="support_reason" name="support_reason" type="text" autocomplete="off" autofocus required
                       maxlength="${supportReasonMaxLength?c}" value="${supportReason!""}"
                       class="${properties.kcInputClass!}" aria-invalid="<#if message?has_content && message.type = 'error'>true<#else>false</#if>" />
                <span id="support-access-reason-help" class="${properties.kcInputHelperTextItemTextClass!}">${msg("supportAccessReasonHelp", supportReasonMaxLength?c)}</span>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                       name="login" id="kc-login" type="submit" value="${msg("doLogIn")}" />
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
