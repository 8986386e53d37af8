package dev.leakline.jfr.jdk;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The lifecycle methods {@code HttpClient} gained in JDK 21 ({@code shutdown}, {@code shutdownNow},
 * {@code awaitTermination}, {@code isTerminated}, {@code close}), resolved once. This code is Java 11
 * bytecode, so it cannot call them directly; on older JDKs the handles are null and the calls do nothing.
 */
final class ClientLifecycle {
    private static final MethodHandle SHUTDOWN = find("shutdown", MethodType.methodType(void.class));
    private static final MethodHandle SHUTDOWN_NOW = find("shutdownNow", MethodType.methodType(void.class));
    private static final MethodHandle AWAIT_TERMINATION = find("awaitTermination",
            MethodType.methodType(boolean.class, Duration.class));
    private static final MethodHandle IS_TERMINATED = find("isTerminated", MethodType.methodType(boolean.class));
    private static final MethodHandle CLOSE = find("close", MethodType.methodType(void.class));

    private ClientLifecycle() {
    }

    static void shutdown(HttpClient client) {
        invokeVoid(SHUTDOWN, client);
    }

    static void shutdownNow(HttpClient client) {
        invokeVoid(SHUTDOWN_NOW, client);
    }

    static void close(HttpClient client) {
        invokeVoid(CLOSE, client);
    }

    static boolean isTerminated(HttpClient client) {
        if (IS_TERMINATED == null) {
            return false;
        }
        try {
            return (boolean) IS_TERMINATED.invokeExact(client);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e); // Not reached: isTerminated() declares no checked exception.
        }
    }

    static boolean awaitTermination(HttpClient client, Duration duration) throws InterruptedException {
        if (AWAIT_TERMINATION == null) {
            return false;
        }
        try {
            return (boolean) AWAIT_TERMINATION.invokeExact(client, duration);
        } catch (InterruptedException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e); // Not reached: only InterruptedException is declared.
        }
    }

    private static void invokeVoid(MethodHandle handle, HttpClient client) {
        if (handle == null) {
            return;
        }
        try {
            handle.invokeExact(client);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e); // Not reached: these methods declare no checked exception.
        }
    }

    private static MethodHandle find(String name, MethodType type) {
        try {
            return MethodHandles.publicLookup().findVirtual(HttpClient.class, name, type);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
