package io.supportaccess.keycloak.notify;

import java.io.IOException;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.FreeMarkerException;
import org.keycloak.theme.Theme;
import org.keycloak.theme.beans.MessageFormatterMethod;
import org.keycloak.theme.freemarker.FreeMarkerProvider;

/**
 * One notice to one administrator: rendered from the FreeMarker templates {@code html/<template>}
 * and {@code text/<template>} of the tenant's e-mail theme with its messages, in the administrator's
 * language (their own locale where the tenant supports it, else the tenant's default locale), and
 * sent by Keycloak's e-mail sender with the tenant's SMTP settings.
 *
 * <p>Keycloak's {@code EmailTemplateProvider} is not used because it takes the locale and links
 * from the HTTP request: here there is none (the notice is sent off the request thread), and the
 * request that caused it is the support user's, whose browser language is not the tenant's.
 */
final class NoticeMail {

    private NoticeMail() {
    }

    static void send(KeycloakSession session, RealmModel tenant, UserModel admin, TenantNotice notice) throws EmailException {
        Locale locale = locale(tenant, admin);
        String subject;
        String text;
        String html;
        try {
            Theme theme = session.theme().getTheme(Theme.Type.EMAIL);
            Properties messages = theme.getEnhancedMessages(tenant, locale);
            Map<String, Object> attributes = attributes(tenant, admin, notice, locale);
            attributes.put("msg", new MessageFormatterMethod(locale, messages));
            attributes.put("properties", theme.getProperties());
            subject = new MessageFormat(messages.getProperty(notice.kind().subjectKey(), notice.kind().subjectKey()), locale)
                    .format(new Object[] {attributes.get("tenant"), notice.who(), notice.asWhom()});
            FreeMarkerProvider freeMarker = session.getProvider(FreeMarkerProvider.class);
            text = freeMarker.processTemplate(attributes, "text/" + notice.kind().template(), theme);
            html = freeMarker.processTemplate(attributes, "html/" + notice.kind().template(), theme);
        } catch (IOException | FreeMarkerException e) {
            throw new EmailException("Failed to template the " + notice.kind() + " notice", e);
        }
        session.getProvider(EmailSenderProvider.class).send(tenant.getSmtpConfig(), admin, subject, text, html);
    }

    /** What the templates see besides {@code msg}: the notice's fields as text, and {@code bodyKey} of its kind. */
    static Map<String, Object> attributes(RealmModel tenant, UserModel admin, TenantNotice notice, Locale locale) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("locale", locale);
        attributes.put("tenant", notice.access() != null ? notice.access().tenantName() : tenant.getName());
        attributes.put("realmName", tenant.getDisplayName() == null || tenant.getDisplayName().isBlank() ? tenant.getName() : tenant.getDisplayName());
        attributes.put("recipient", admin.getUsername());
        attributes.put("kind", notice.kind().name());
        attributes.put("bodyKey", notice.kind().bodyKey());
        attributes.put("who", notice.who());
        attributes.put("asWhom", notice.asWhom() == null ? "" : notice.asWhom());
        // how the audit log names what the support user does: jill$john
        attributes.put("supportLogin", notice.asWhom() == null ? "" : notice.who() + "$" + notice.asWhom());
        attributes.put("time", format(notice.time(), locale));
        // the reason or ticket reference of the access: empty when none was given
        attributes.put("reason", notice.reason());
        attributes.put("openUntil", notice.openUntil() == null ? "" : format(notice.openUntil(), locale));
        attributes.put("comment", notice.access() == null || notice.access().comment() == null ? "" : notice.access().comment());
        return attributes;
    }

    static String format(long epochMillis, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale).withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(epochMillis)) + " UTC";
    }

    /** Keycloak's order without the request: the user's own supported locale, then the realm's default; English without internationalisation. */
    static Locale locale(RealmModel realm, UserModel user) {
        if (!realm.isInternationalizationEnabled()) {
            return Locale.ENGLISH;
        }
        Set<String> supported = realm.getSupportedLocalesStream().collect(Collectors.toSet());
        String own = user.getFirstAttribute(UserModel.LOCALE);
        if (own != null && supported.contains(own)) {
            return Locale.forLanguageTag(own);
        }
        String fallback = realm.getDefaultLocale();
        return fallback == null || fallback.isBlank() ? Locale.ENGLISH : Locale.forLanguageTag(fallback);
    }
}
