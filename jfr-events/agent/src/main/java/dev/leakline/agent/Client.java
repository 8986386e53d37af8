package dev.leakline.agent;

import java.util.Locale;

/** The clients the agent can be told to instrument, by their name in the {@code clients} option. */
enum Client {
    /** {@code java.net.http.HttpClient}: send and sendAsync. */
    JAVA_HTTP("java-http", true),
    /** {@code HttpURLConnection} and {@code HttpsURLConnection}. */
    URLCONNECTION("urlconnection", true),
    /** OkHttp 4 and 5: every new client builder gets the adapter's interceptor and event listener factory. */
    OKHTTP("okhttp", true),
    /** Apache HttpClient 4.5 classic: its pooling connection manager and its protocol exec chain element. */
    APACHE4("apache4", true),
    /** Apache HttpClient 5: not instrumented by this version; hand-wrap with leakline-httpclient5. */
    APACHE5("apache5", false);

    final String optionName;
    final boolean instrumented;

    Client(String optionName, boolean instrumented) {
        this.optionName = optionName;
        this.instrumented = instrumented;
    }

    /** The client named {@code name} in the option, or null. */
    static Client named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Client c : values()) {
            if (c.optionName.equals(wanted)) {
                return c;
            }
        }
        return null;
    }
}
