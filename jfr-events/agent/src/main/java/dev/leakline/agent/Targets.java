package dev.leakline.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which classes the agent instruments, by name. Uses no ByteBuddy type and loads no class, so that the agent can
 * decide at start-up, for the price of a few string comparisons, whether anything needs ByteBuddy yet.
 */
final class Targets {
    private Targets() {
    }

    /**
     * The names of the classes the options ask to instrument (JDK classes only when this JDK has them). Loads
     * nothing: no ByteBuddy, no bridge.
     */
    static List<String> types(AgentOptions options) {
        for (Client client : options.clients) {
            if (!client.instrumented && options.clients.size() < Client.values().length) {
                Warnings.once("client '" + client.optionName + "' is not instrumented by this version of the agent;"
                        + " wrap it by hand (see docs/agent.md)");
            }
        }
        List<String> types = new ArrayList<>();
        if (options.clients.contains(Client.JAVA_HTTP) && jdkTypePresent(Installer.HTTP_CLIENT, "java.net.http")) {
            types.add(Installer.HTTP_CLIENT);
        }
        if (options.clients.contains(Client.URLCONNECTION) && jdkTypePresent(Installer.URL_CONNECTION, "java.base")) {
            types.add(Installer.URL_CONNECTION);
        }
        if (options.clients.contains(Client.APACHE4)) {
            types.add(Installer.APACHE4_POOL);
            types.add(Installer.APACHE4_PROTOCOL_EXEC);
        }
        if (options.clients.contains(Client.APACHE5)) {
            types.add(Installer.APACHE5_BUILDER);
            types.add(Installer.APACHE5_CLIENT);
        }
        if (options.clients.contains(Client.OKHTTP)) {
            types.add(Installer.OKHTTP_BUILDER);
        }
        return types;
    }

    /**
     * Whether this JDK has the implementation class the advice is written for; if not, says so once. Looks for
     * the class file without loading the class: a class loaded after the agent started is instrumented as it
     * loads, with no retransformation.
     */
    private static boolean jdkTypePresent(String type, String module) {
        Optional<Module> m = ModuleLayer.boot().findModule(module);
        boolean present = false;
        if (m.isPresent()) {
            try (java.io.InputStream in = m.get().getResourceAsStream(type.replace('.', '/') + ".class")) {
                present = in != null;
            } catch (java.io.IOException e) {
                present = false;
            }
        }
        if (!present) {
            Warnings.once(type + " not found in this JDK (" + Runtime.version() + "); its client is not instrumented");
        }
        return present;
    }

}
