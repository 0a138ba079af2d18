<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: support-access-otp.ftl -->
    <#if section="header">
        ${msg("supportAccessOtpTitle")}
    <#elseif section="form">
        <p id="support-access-otp-info">${msg("supportAccessOtpInfo", supportUser!"")}</p>
        <form id="kc-support-access-otp-form" class="${properties.kcFormClass!}" onsubmit="login.disabled = true; return true;"
              action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="otp" class="${properties.kcLabelClass!}">${msg("loginOtpOneTime")}</label>
                <input id="otp" name="otp" type="text" inputmode="numeric" autocomplete="one-time-code" autofocus
                       class="${properties.kcInputClass!}" />
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <input class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                       name="login" id="kc-login" type="submit" value="${msg("doLogIn")}" />
            </div>
        </form>
    </#if>
</@layout.registrationLayout>
