package dev.leakline.jmc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWiring;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Starts Eclipse Equinox, the OSGi framework of the JMC application, with JMC's core bundles (common, flightrecorder,
 * flightrecorder.rules and the two libraries they require), the Eclipse extension registry and the packaged Leakline
 * bundle: the bundle resolves and starts, the registry reads its plugin.xml as a contribution to JMC's
 * {@code ruleProvider} extension point, the rule loads from the bundle's own class loader the way JMC's
 * {@code rules.extensionprovider} loads it (a service loader over that class loader), and evaluated inside the
 * framework it judges a leaky recording.
 *
 * <p>An integration test: it needs the packaged jar ({@code leakline.bundle}), so failsafe runs it after
 * {@code package}.
 */
class LeaklineBundleIT {
    private static final String RULE = "dev.leakline.jmc.rules.HttpResponseLeakRule";

    @Test
    void bundleResolvesStartsAndServesTheRuleFromItsOwnClassLoader(@TempDir Path storage) throws Exception {
        Path bundleJar = Path.of(System.getProperty("leakline.bundle", "target/leakline-jmc-rules-0.1.0.jar"));
        assertThat(bundleJar).exists();
        Path recording = Path.of(System.getProperty("leakline.repoRoot", "../.."))
                .resolve("recordings/jdk17/java-net-http/four-cases-small.jfr").normalize();

        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // What every Eclipse application (JMC included) runs with: JDK packages such as javax.xml, which JMC's bundles
        // use without importing them, come from the boot class loader.
        config.put("osgi.compatibility.bootdelegation", "true");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        Framework framework = factory.newFramework(config);
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            // JMC's core bundles as published on Maven Central, and what org.openjdk.jmc.common requires.
            Bundle encoder = install(context, bundles, jarOf(org.owasp.encoder.Encode.class));
            install(context, bundles, jarOf(net.jpountz.lz4.LZ4Factory.class));
            Bundle common = install(context, bundles, jarOf(IMCThread.class));
            Bundle flightrecorder = install(context, bundles, jarOf(JfrLoaderToolkit.class));
            Bundle rules = install(context, bundles, jarOf(IRule.class));
            Bundle leakline = install(context, bundles, bundleJar);
            // The Eclipse extension registry, which reads plugin.xml files in the JMC application.
            install(context, bundles, jarOf(org.eclipse.core.runtime.IProgressMonitor.class));
            Bundle registry = install(context, bundles, jarOf(org.eclipse.core.runtime.IExtensionRegistry.class));
            for (Bundle bundle : bundles) {
                bundle.start();
            }

            assertThat(encoder.getSymbolicName()).isEqualTo("org.owasp.encoder");
            assertThat(common.getSymbolicName()).isEqualTo("org.openjdk.jmc.common");
            assertThat(rules.getSymbolicName()).isEqualTo("org.openjdk.jmc.flightrecorder.rules");
            assertThat(leakline.getSymbolicName()).isEqualTo("dev.leakline.jmc.rules");
            assertThat(leakline.getVersion().toString()).isEqualTo("0.1.0");
            for (Bundle bundle : bundles) {
                assertThat(bundle.getState()).as(bundle.getSymbolicName()).isEqualTo(Bundle.ACTIVE);
            }

            ClassLoader bundleLoader = leakline.adapt(BundleWiring.class).getClassLoader();
            Class<?> ruleClass = leakline.loadClass(RULE);
            assertThat(ruleClass.getClassLoader()).isSameAs(bundleLoader);
            assertThat(ruleClass).isNotSameAs(HttpResponseLeakRule.class);
            // The engine is embedded in the bundle, not taken from anywhere else.
            assertThat(leakline.loadClass("dev.leakline.engine.analysis.AnalysisBuilder").getClassLoader())
                    .isSameAs(bundleLoader);
            // The rule's IRule is the one JMC's rules bundle exports (the bundle imports the package).
            Class<?> iRule = rules.loadClass(IRule.class.getName());
            assertThat(iRule.getClassLoader()).isSameAs(rules.adapt(BundleWiring.class).getClassLoader());
            assertThat(iRule.isAssignableFrom(ruleClass)).isTrue();

            // As org.openjdk.jmc.flightrecorder.rules.extensionprovider.ExtensionRuleProvider does.
            List<Object> found = new ArrayList<>();
            Iterator<?> services = ServiceLoader.load(iRule, bundleLoader).iterator();
            services.forEachRemaining(found::add);
            assertThat(found).hasSize(1);
            Object rule = found.get(0);
            assertThat(rule.getClass()).isSameAs(ruleClass);
            assertThat(iRule.getMethod("getName").invoke(rule)).isEqualTo("HTTP response leaks");

            // The plugin.xml JMC's extension registry reads: a contribution to the rules' extension point.
            URL pluginXml = leakline.getEntry("plugin.xml");
            assertThat(pluginXml).isNotNull();
            Document plugin;
            try (InputStream in = pluginXml.openStream()) {
                plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            }
            Element extension = (Element) plugin.getElementsByTagName("extension").item(0);
            assertThat(extension.getAttribute("point")).isEqualTo("org.openjdk.jmc.flightrecorder.rules.ruleProvider");
            assertThat(extension.getElementsByTagName("ruleProvider").getLength()).isEqualTo(1);

            // The extension registry sees our contribution to JMC's extension point (declared by the rules bundle),
            // and names our bundle as its contributor: what ExtensionRuleProvider asks it for.
            Class<?> registryType = registry.loadClass("org.eclipse.core.runtime.IExtensionRegistry");
            Object extensionRegistry = registry.loadClass("org.eclipse.core.runtime.RegistryFactory")
                    .getMethod("getRegistry").invoke(null);
            assertThat(extensionRegistry).isNotNull();
            assertThat(registryType.getMethod("getExtensionPoint", String.class).invoke(extensionRegistry,
                    "org.openjdk.jmc.flightrecorder.rules.ruleProvider")).isNotNull();
            Object[] elements = (Object[]) registryType.getMethod("getConfigurationElementsFor", String.class)
                    .invoke(extensionRegistry, "org.openjdk.jmc.flightrecorder.rules.ruleProvider");
            List<String> contributors = new ArrayList<>();
            Class<?> elementType = registry.loadClass("org.eclipse.core.runtime.IConfigurationElement");
            Class<?> contributorType = registry.loadClass("org.eclipse.core.runtime.IContributor");
            for (Object element : elements) {
                assertThat(elementType.getMethod("getName").invoke(element)).isEqualTo("ruleProvider");
                Object contributor = elementType.getMethod("getContributor").invoke(element);
                contributors.add((String) contributorType.getMethod("getName").invoke(contributor));
            }
            assertThat(contributors).containsExactly("dev.leakline.jmc.rules");

            // Evaluated inside the framework, with JMC's loader and rule engine from their bundles.
            Object items = flightrecorder.loadClass(JfrLoaderToolkit.class.getName())
                    .getMethod("loadEvents", File.class).invoke(null, recording.toFile());
            Class<?> toolkit = rules.loadClass("org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit");
            Method evaluate = toolkit.getMethod("evaluateParallel", Collection.class,
                    common.loadClass("org.openjdk.jmc.common.item.IItemCollection"),
                    common.loadClass("org.openjdk.jmc.common.util.IPreferenceValueProvider"), int.class);
            Map<?, ?> futures = (Map<?, ?>) evaluate.invoke(null, List.of(rule), items, null, 1);
            Object result = ((Future<?>) futures.get(rule)).get(2, TimeUnit.MINUTES);
            Object severity = rules.loadClass("org.openjdk.jmc.flightrecorder.rules.IResult")
                    .getMethod("getSeverity").invoke(result);
            assertThat(((Enum<?>) severity).name()).isEqualTo("WARNING");
        } finally {
            framework.stop();
            framework.waitForStop(TimeUnit.SECONDS.toMillis(30));
        }
    }

    private static Bundle install(BundleContext context, List<Bundle> bundles, Path jar) throws Exception {
        assertThat(Files.isRegularFile(jar)).as(jar.toString()).isTrue();
        Bundle bundle = context.installBundle(jar.toUri().toString());
        bundles.add(bundle);
        return bundle;
    }

    /** The jar a class was loaded from on the test class path: the very artifacts Maven resolved. */
    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
