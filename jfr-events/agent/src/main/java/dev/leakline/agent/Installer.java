package dev.leakline.agent;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.leakline.agent.apache4.Apache4ClientHooks;
import dev.leakline.agent.apache4.LeaseConnectionAdvice;
import dev.leakline.agent.apache4.ProtocolExecAdvice;
import dev.leakline.agent.apache4.ReleaseConnectionAdvice;
import dev.leakline.agent.apache4.RequestConnectionAdvice;
import dev.leakline.agent.apache5.Apache5ClientHooks;
import dev.leakline.agent.apache5.BuildAdvice;
import dev.leakline.agent.apache5.ClientCreatedAdvice;
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
    static final String APACHE5_BUILDER = "org.apache.hc.client5.http.impl.classic.HttpClientBuilder";
    static final String APACHE5_CLIENT = "org.apache.hc.client5.http.impl.classic.InternalHttpClient";
    static final String APACHE5_MANAGER = "org.apache.hc.client5.http.io.HttpClientConnectionManager";
    static final String OKHTTP_BUILDER = "okhttp3.OkHttpClient$Builder";

    private Installer() {
    }

    /**
     * Sets the hooks behind the bridge and lets the JDK modules read it; the bridge must be on the bootstrap
     * class path already ({@link BootstrapJar}).
     */
    static void prepare(Instrumentation inst, AgentOptions options, List<String> types) {
        if (options.recordQueryStrings) {
            Leakline.setRecordQueryStrings(true);
        }
        Bridge.jdk = new JdkClientHooks();
        Bridge.apache4 = new Apache4ClientHooks();
        Bridge.apache5 = new Apache5ClientHooks();
        Bridge.okhttp = new OkHttpClientHooks();
        if (types.contains(HTTP_CLIENT)) {
            letModuleReadBridge(inst, "java.net.http");
        }
        if (types.contains(URL_CONNECTION)) {
            letModuleReadBridge(inst, "java.base");
        }
    }

    /** Prepares and installs the advice now, retransforming the classes already loaded (attach, or classes loaded early). */
    static void installNow(Instrumentation inst, AgentOptions options, List<String> types) {
        prepare(inst, options, types);
        builder(types)
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                // One class per retransformation: a class another agent changed in a way that cannot be redone
                // (the OpenTelemetry agent adds interfaces at load) fails alone, not with the others.
                .with(AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(1))
                .with(new RetransformationFailures())
                .installOn(inst);
    }

    /**
     * The advice for {@code types}, as ByteBuddy's agent builder. Fast type descriptions (no debug information
     * read), and no change of class format, so that a class can always be retransformed back.
     */
    static AgentBuilder builder(List<String> types) {
        return new AgentBuilder.Default()
                .disableClassFormatChanges()
                // Advice only (visit): decorating the class as it is skips ByteBuddy's method registry and rebasing.
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(new FailureListener())
                // Replaces the default, which skips the bootstrap loader's classes: ours are JDK classes.
                .ignore(not(namedOneOf(types.toArray(new String[0]))))
                .type(named(HTTP_CLIENT)).transform(Installer::httpClient)
                .type(named(URL_CONNECTION)).transform(Installer::urlConnection)
                .type(named(APACHE4_POOL)).transform(Installer::apache4Pool)
                .type(named(APACHE4_PROTOCOL_EXEC)).transform(Installer::apache4ProtocolExec)
                .type(named(APACHE5_BUILDER)).transform(Installer::apache5Builder)
                .type(named(APACHE5_CLIENT)).transform(Installer::apache5Client)
                .type(named(OKHTTP_BUILDER)).transform(Installer::okhttpBuilder);
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

    private static DynamicType.Builder<?> apache5Builder(DynamicType.Builder<?> builder, TypeDescription type,
            ClassLoader loader, JavaModule module, java.security.ProtectionDomain domain) {
        ElementMatcher.Junction<MethodDescription> build = named("build").and(takesArguments(0));
        return hasAll(type, build) ? builder.visit(Advice.to(BuildAdvice.class).on(build)) : builder;
    }

    private static DynamicType.Builder<?> apache5Client(DynamicType.Builder<?> builder, TypeDescription type,
            ClassLoader loader, JavaModule module, java.security.ProtectionDomain domain) {
        // Every 5.x release so far takes the connection manager first; another shape is left alone.
        ElementMatcher.Junction<MethodDescription> created = isConstructor()
                .and(takesArgument(0, named(APACHE5_MANAGER)));
        return hasAll(type, created) ? builder.visit(Advice.to(ClientCreatedAdvice.class).on(created)) : builder;
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
