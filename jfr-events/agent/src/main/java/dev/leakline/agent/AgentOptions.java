package dev.leakline.agent;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The agent's options, from {@code -javaagent:leakline-agent.jar=clients=java-http,urlconnection;recordQueryStrings=true}:
 * {@code key=value} pairs separated by {@code ;}.
 *
 * <ul>
 *   <li>{@code clients}: comma-separated names of {@link Client}; default all.</li>
 *   <li>{@code recordQueryStrings}: {@code true} or {@code false}; default false (query strings often carry
 *       tokens).</li>
 * </ul>
 * An unknown option, or a value that cannot be used, is named in one warning and that option keeps its
 * default: the application starts normally whatever is written here.
 */
final class AgentOptions {
    final Set<Client> clients;
    final boolean recordQueryStrings;

    private AgentOptions(Set<Client> clients, boolean recordQueryStrings) {
        this.clients = clients;
        this.recordQueryStrings = recordQueryStrings;
    }

    static AgentOptions parse(String args, Consumer<String> warn) {
        Set<Client> clients = EnumSet.allOf(Client.class);
        boolean recordQueryStrings = false;
        if (args == null || args.isBlank()) {
            return new AgentOptions(clients, false);
        }
        for (String pair : args.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = (eq < 0 ? pair : pair.substring(0, eq)).trim();
            String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
            switch (key) {
                case "clients":
                    Set<Client> parsed = clients(value, warn);
                    if (parsed != null) {
                        clients = parsed;
                    }
                    break;
                case "recordQueryStrings":
                    if (value.equals("true") || value.equals("false")) {
                        recordQueryStrings = Boolean.parseBoolean(value);
                    } else {
                        warn.accept("recordQueryStrings=" + value + " is not true or false; using false");
                    }
                    break;
                default:
                    warn.accept("unknown option '" + key + "' ignored (known: clients, recordQueryStrings)");
            }
        }
        return new AgentOptions(clients, recordQueryStrings);
    }

    /** The named clients, or null (after a warning) when a name is unknown or none is given. */
    private static Set<Client> clients(String value, Consumer<String> warn) {
        Set<Client> out = EnumSet.noneOf(Client.class);
        for (String name : value.split(",")) {
            Client c = Client.named(name);
            if (c == null) {
                warn.accept("unknown client '" + name.trim() + "' in clients=" + value
                        + "; instrumenting all (known: java-http, urlconnection, okhttp, apache4, apache5)");
                return null;
            }
            out.add(c);
        }
        return out;
    }
}
