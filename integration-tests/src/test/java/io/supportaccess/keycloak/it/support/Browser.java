package io.supportaccess.keycloak.it.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A minimal browser for Keycloak's login pages: keeps cookies, follows redirects within the
 * server, submits HTML forms, and stops at the client's redirect URI.
 */
public final class Browser {

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    /**
     * Cookies by path and name. Keycloak marks its cookies Secure even on http://127.0.0.1; a real
     * browser treats loopback as secure, so do we.
     */
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Where a step ended: a page of the server, or the redirect to the client. */
    public record Result(int status, String url, Document page, String redirect) {
        public boolean redirectedToClient() {
            return redirect != null && redirect.startsWith(Platform.REDIRECT_URI);
        }

        public String code() {
            String query = URI.create(redirect).getQuery();
            for (String pair : query.split("&")) {
                if (pair.startsWith("code=")) {
                    return java.net.URLDecoder.decode(pair.substring(5), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            throw new AssertionError("no code in " + redirect);
        }

        public String text() {
            return page == null ? "" : page.text();
        }

        public Element form(String cssQuery) {
            Element form = page == null ? null : page.selectFirst(cssQuery);
            if (form == null) {
                throw new AssertionError("no form " + cssQuery + " on page " + url + ": " + text());
            }
            return form;
        }
    }

    public Result openLogin(String realm) {
        String url = Platform.url() + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=" + Platform.CLIENT
                + "&response_type=code&scope=openid&redirect_uri=" + Http.enc(Platform.REDIRECT_URI) + "&state=s1&nonce=n1";
        return follow(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    /** Opens a page of the server (e.g. a link found on another page), with this browser's cookies. */
    public Result open(String url) {
        return follow(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    /** Logs in on the login form; returns the page or client redirect that follows. */
    public Result login(String realm, String username, String password) {
        Result page = openLogin(realm);
        return submit(page, "#kc-form-login", Map.of("username", username, "password", password));
    }

    public Result submit(Result page, String formQuery, Map<String, String> fields) {
        Element form = page.form(formQuery);
        Map<String, String> data = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            if (!"submit".equals(input.attr("type"))) {
                data.put(input.attr("name"), input.attr("value"));
            }
        }
        data.putAll(fields);
        String action = form.absUrl("action").isEmpty() ? form.attr("action") : form.absUrl("action");
        return follow(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(data))).build());
    }

    private Result follow(HttpRequest request) {
        for (int hops = 0; hops < 10; hops++) {
            Http.Reply reply = Http.send(client, withCookies(request));
            keepCookies(reply);
            if (reply.status() >= 300 && reply.status() < 400) {
                String location = reply.raw().headers().firstValue("Location").orElseThrow();
                URI next = request.uri().resolve(location);
                if (!next.toString().startsWith(Platform.url())) {
                    return new Result(reply.status(), request.uri().toString(), null, next.toString());
                }
                request = HttpRequest.newBuilder(next).GET().build();
                continue;
            }
            Document page = Jsoup.parse(reply.body(), request.uri().toString());
            return new Result(reply.status(), request.uri().toString(), page, null);
        }
        throw new AssertionError("too many redirects");
    }

    private HttpRequest withCookies(HttpRequest request) {
        String path = request.uri().getPath() == null || request.uri().getPath().isEmpty() ? "/" : request.uri().getPath();
        String header = cookies.entrySet().stream()
                .filter(e -> path.startsWith(e.getKey().substring(0, e.getKey().indexOf('\n'))))
                .map(e -> e.getKey().substring(e.getKey().indexOf('\n') + 1) + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        if (header.isEmpty()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Cookie", header).build();
    }

    /** Cookies are kept per path, as a browser does: Keycloak scopes its session cookies to /realms/{realm}/. */
    private void keepCookies(Http.Reply reply) {
        for (String setCookie : reply.raw().headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            String path = "/";
            for (String attribute : setCookie.split(";")) {
                String trimmed = attribute.trim();
                if (trimmed.regionMatches(true, 0, "path=", 0, 5) && trimmed.length() > 5) {
                    path = trimmed.substring(5);
                }
            }
            String key = path + "\n" + name;
            String lower = setCookie.toLowerCase();
            if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
                cookies.remove(key);
            } else {
                cookies.put(key, value);
            }
        }
    }

    /** Exchanges an authorization code for tokens. */
    public static Http.Reply exchange(String realm, String code) {
        return Http.postForm(Platform.tokenUrl(realm), Map.of("grant_type", "authorization_code", "code", code,
                "client_id", Platform.CLIENT, "redirect_uri", Platform.REDIRECT_URI));
    }
}
