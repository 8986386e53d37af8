package dev.leakline.scenarios;

import dev.leakline.scenarios.clients.ApacheHttpClient4AgentCases;
import dev.leakline.scenarios.clients.ApacheHttpClient5Cases;
import dev.leakline.scenarios.clients.AwsS3AgentCases;
import dev.leakline.scenarios.clients.JavaNetHttpCases;
import dev.leakline.scenarios.clients.OkHttpCases;
import dev.leakline.scenarios.clients.UrlConnectionCases;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The clients the scenarios run on, by folder name. */
public final class Clients {
    private static final Map<String, Supplier<ClientCases>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("java-net-http", JavaNetHttpCases::new);
        ALL.put("httpurlconnection", UrlConnectionCases::new);
        ALL.put("apache-httpclient5", ApacheHttpClient5Cases::new);
        ALL.put("okhttp", OkHttpCases::new);
        ALL.put("apache-httpclient4", ApacheHttpClient4AgentCases::new);
        ALL.put("aws-s3", AwsS3AgentCases::new);
    }

    private Clients() {
    }

    /** Folder names of every client, in README order. */
    public static Iterable<String> folders() {
        return ALL.keySet();
    }

    /** A fresh instance of the client's cases. */
    public static ClientCases byFolder(String folder) {
        Supplier<ClientCases> s = ALL.get(folder);
        if (s == null) {
            throw new IllegalArgumentException("unknown client " + folder + "; known: " + ALL.keySet());
        }
        return s.get();
    }
}
