package dev.leakline.agent;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.leakline.agent.apache4.Apache4ClientHooks;
import dev.leakline.agent.apache4.LeaseConnectionAdvice;
import dev.leakline.agent.apache4.ProtocolExecAdvice;
import dev.leakline.agent.apache4.ReleaseConnectionAdvice;
import dev.leakline.agent.apache4.RequestConnectionAdvice;
import dev.leakline.agent.bootstrap.Bridge;
import dev.leakline.agent.okhttp.BuilderCreatedAdvice;
import dev.leakline.agent.okhttp.EventListenerFactoryAdvice;
import dev.leakline.agent.okhttp.OkHttpClientHooks;
import dev.leakline.agent.jdk.DisconnectAdvice;
import dev.leakline.agent.jdk.ErrorStreamAdvice;
import dev.leakline.agent.jdk.InputStreamAdvice;
import dev.leakline.agent.jdk.JdkClientHooks;
import dev.leakline.agent.jdk.SendAdvice;
import dev.leakline.agent.jdk.SendAsyncAdvice;
import dev.leakline.jfr.Leakline;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the advice for the clients the options ask for. Types are matched by name only (never loaded by
 * a matcher); classes already loaded are retransformed. A type that cannot be transformed is reported once
 * and left alone.
 */
final class Installer {
    static final String HTTP_CLIENT = "jdk.internal.net.http.HttpClientFacade";
    static final String URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";
    static final String APACHE4_POOL = "org.apache.http.impl.conn.PoolingHttpClientConnectionManager";
    static final String APACHE4_PROTOCOL_EXEC = "org.apache.http.impl.execchain.ProtocolExec";
    static final String OKHTTP_BUILDER = "okhttp3.OkHttpClient$Builder";

    private Installer() {
    }

    static void install(Instrumentation inst, AgentOptions options) {
        if (options.recordQueryStrings) {
            Leakline.setRecordQueryStrings(true);
        }
        for (Client client : options.clients) {
            if (!client.instrumented && options.clients.size() < Client.values().length) {
                Warnings.once("client '" + client.optionName + "' is not instrumented by this version of the agent;"
                        + " wrap it by hand (see docs/agent.md)");
            }
        }
        Bridge.jdk = new JdkClientHooks();
        Bridge.apache4 = new Apache4ClientHooks();
        Bridge.okhttp = new OkHttpClientHooks();
        List<String> types = new ArrayList<>();
        if (options.clients.contains(Client.JAVA_HTTP) && jdkTypePresent(HTTP_CLIENT, "java.net.http")) {
            letModuleReadBridge(inst, "java.net.http");
            types.add(HTTP_CLIENT);
        }
        if (options.clients.contains(Client.URLCONNECTION) && jdkTypePresent(URL_CONNECTION, "java.base")) {
            letModuleReadBridge(inst, "java.base");
            types.add(URL_CONNECTION);
        }
        if (options.clients.contains(Client.APACHE4)) {
            types.add(APACHE4_POOL);
            types.add(APACHE4_PROTOCOL_EXEC);
        }
        if (options.clients.contains(Client.OKHTTP)) {
            types.add(OKHTTP_BUILDER);
        }
        if (types.isEmpty()) {
            return;
        }
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                // One class per retransformation: a class another agent changed in a way that cannot be redone
                // (the OpenTelemetry agent adds interfaces at load) fails alone, not with the others.
                .with(AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(1))
                .with(new RetransformationFailures())
                .with(new FailureListener())
                // Replaces the default, which skips the bootstrap loader's classes: ours are JDK classes.
                .ignore(not(namedOneOf(types.toArray(new String[0]))))
                .type(named(HTTP_CLIENT)).transform(Installer::httpClient)
                .type(named(URL_CONNECTION)).transform(Installer::urlConnection)
                .type(named(APACHE4_POOL)).transform(Installer::apache4Pool)
                .type(named(APACHE4_PROTOCOL_EXEC)).transform(Installer::apache4ProtocolExec)
                .type(named(OKHTTP_BUILDER)).transform(Installer::okhttpBuilder)
                .installOn(inst);
    }

    private static DynamicType.Builder<?> httpClient(DynamicType.Builder<?> builder, TypeDescription type,
            ClassLoader loader, JavaModule module, java.security.ProtectionDomain domain) {
        return builder
                .visit(Advice.to(SendAdvice.class).on(named("send").and(takesArguments(2))))
                .visit(Advice.to(SendAsyncAdvice.class).on(named("sendAsync")
                        .and(takesArguments(2).or(takesArguments(3)))));
    }

    private static DynamicType.Builder<?> urlConnection(DynamicType.Builder<?> builder, TypeDescription type,
            ClassLoader loader, JavaModule module, java.security.ProtectionDomain domain) {
        return builder
                .visit(Advice.to(InputStreamAdvice.class).on(named("getInputStream").and(takesArguments(0))))
                .visit(Advice.to(ErrorStreamAdvice.class).on(named("getErrorStream").and(takesArguments(0))))
                .visit(Advice.to(DisconnectAdvice.class).on(named("disconnect").and(takesArguments(0))));
    }

    private static DynamicType.Builder<?> apache4Pool(DynamicType.Builder<?> builder, TypeDescription type,
            ClassLoader loader, JavaModule module, java.security.ProtectionDomain domain) {
        ElementMatcher.Junction<MethodDescription> request = named("requestConnection").and(takesArguments(2));
        ElementMatcher.Junction<MethodDescription> lease = named("leaseConnection").and(takesArguments(3));
        ElementMatcher.Junction<MethodDescription> release = named("releaseConnection").and(takesArguments(4));
        if (!hasAll(type, request, lease, release)) {
            return builder;
        }
        return builder
                .visit(Advice.to(RequestConnectionAdvice.class).on(request))
                .visit(Advice.to(LeaseConnectionAdvice.class).on(lease))
                .visit(Advice.to(ReleaseConnectionAdvice.class).on(release));
    }

    private static DynamicType.Builder<?> apache4ProtocolExec(DynamicType.Builder<?> builder, TypeDescription type,
            ClassLoader loader, JavaModule module, java.security.ProtectionDomain domain) {
        ElementMatcher.Junction<MethodDescription> execute = named("execute").and(takesArguments(4));
        return hasAll(type, execute) ? builder.visit(Advice.to(ProtocolExecAdvice.class).on(execute)) : builder;
    }

    private static DynamicType.Builder<?> okhttpBuilder(DynamicType.Builder<?> builder, TypeDescription type,
            ClassLoader loader, JavaModule module, java.security.ProtectionDomain domain) {
        ElementMatcher.Junction<MethodDescription> created = isConstructor().and(takesArguments(0));
        ElementMatcher.Junction<MethodDescription> factory = named("eventListenerFactory").and(takesArguments(1));
        if (!hasAll(type, created, factory)) {
            return builder;
        }
        return builder
                .visit(Advice.to(BuilderCreatedAdvice.class).on(created))
                .visit(Advice.to(EventListenerFactoryAdvice.class).on(factory));
    }

    /**
     * The version check before any change: the type declares every method the advice is written for. If not
     * (a release this agent does not know), one line, and the type is left exactly as it was.
     */
    @SafeVarargs
    private static boolean hasAll(TypeDescription type, ElementMatcher<? super MethodDescription>... methods) {
        for (ElementMatcher<? super MethodDescription> m : methods) {
            if (type.getDeclaredMethods().filter(m).isEmpty()) {
                Warnings.once(type.getName() + " of this release has no method " + m + "; it is left alone");
                return false;
            }
        }
        return true;
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

    /** The module's classes call the bridge, which lives in the bootstrap loader's unnamed module. */
    private static void letModuleReadBridge(Instrumentation inst, String module) {
        Module target = ModuleLayer.boot().findModule(module).orElseThrow();
        inst.redefineModule(target, Set.of(Bridge.class.getModule()), Map.of(), Map.of(), Set.of(), Map.of());
    }

    /** Reports classes already loaded whose retransformation the JVM refused, once, and leaves them as they were. */
    private static final class RetransformationFailures extends AgentBuilder.RedefinitionStrategy.Listener.Adapter {
        @Override
        public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch, Throwable throwable,
                List<Class<?>> types) {
            Warnings.once("could not instrument " + batch + " (Java " + Runtime.version() + "), left alone: " + throwable);
            return java.util.Collections.emptyList();
        }
    }

    /** Reports a type that could not be transformed, once, and leaves it as it was. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                Throwable throwable) {
            Warnings.once("could not instrument " + typeName + " (Java " + Runtime.version() + "), left alone: "
                    + throwable);
        }
    }
}
