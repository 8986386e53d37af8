package dev.leakline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Options as written after {@code -javaagent:leakline-agent.jar=}: each bad one named once, defaults kept. */
class AgentOptionsTest {
    private final List<String> warnings = new ArrayList<>();

    @Test
    void noOptionsMeanAllClientsAndNoQueryStrings() {
        AgentOptions options = AgentOptions.parse(null, warnings::add);
        assertThat(options.clients).isEqualTo(EnumSet.allOf(Client.class));
        assertThat(options.recordQueryStrings).isFalse();
        assertThat(warnings).isEmpty();
    }

    @Test
    void clientsAndQueryStringsAreRead() {
        AgentOptions options = AgentOptions.parse("clients=urlconnection, JAVA-HTTP;recordQueryStrings=true",
                warnings::add);
        assertThat(options.clients).containsExactlyInAnyOrder(Client.URLCONNECTION, Client.JAVA_HTTP);
        assertThat(options.recordQueryStrings).isTrue();
        assertThat(warnings).isEmpty();
    }

    @Test
    void anUnknownOptionIsNamedOnceAndTheOthersStillApply() {
        AgentOptions options = AgentOptions.parse("colour=blue;recordQueryStrings=true", warnings::add);
        assertThat(warnings).containsExactly("unknown option 'colour' ignored (known: clients, recordQueryStrings)");
        assertThat(options.recordQueryStrings).isTrue();
        assertThat(options.clients).isEqualTo(EnumSet.allOf(Client.class));
    }

    @Test
    void anUnknownClientKeepsTheDefaultOfAllClients() {
        AgentOptions options = AgentOptions.parse("clients=okhttp,jetty", warnings::add);
        assertThat(warnings).containsExactly("unknown client 'jetty' in clients=okhttp,jetty; instrumenting all"
                + " (known: java-http, urlconnection, okhttp, apache4, apache5)");
        assertThat(options.clients).isEqualTo(EnumSet.allOf(Client.class));
    }

    @Test
    void aBadBooleanKeepsQueryStringsOff() {
        AgentOptions options = AgentOptions.parse("recordQueryStrings=yes", warnings::add);
        assertThat(warnings).containsExactly("recordQueryStrings=yes is not true or false; using false");
        assertThat(options.recordQueryStrings).isFalse();
    }
}
