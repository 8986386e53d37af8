package dev.leakline.agent.programs;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * A server with two web applications: two class loaders (parent: the platform loader, as a servlet container
 * isolates applications), each loading the same application code and its own copy of the library jar.
 *
 * <p>Arguments: {@code <library jar 1> <library jar 2> <application classes> <url>}.
 */
public final class TwoWebApps {
    private TwoWebApps() {
    }

    public static void main(String[] args) throws Exception {
        URL app = Path.of(args[2]).toUri().toURL();
        for (int i = 0; i < 2; i++) {
            URL library = Path.of(args[i]).toUri().toURL();
            URLClassLoader loader = new URLClassLoader(new URL[] {library, app}, ClassLoader.getPlatformClassLoader());
            loader.loadClass(WebApp.class.getName()).getMethod("serve", String.class).invoke(null, args[3]);
        }
        System.exit(0);
    }
}
