package dev.leakline.analyzer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * What {@code leakline --version} prints: the version Maven built, read from {@code leakline-version.properties}
 * (filled in by resource filtering), so no release ever has to edit a string in the code.
 */
public final class VersionProvider implements IVersionProvider {
    static final String RESOURCE = "leakline-version.properties";

    /** Used by picocli, which instantiates the provider named in {@link LeaklineCommand}'s annotation. */
    public VersionProvider() {
    }

    @Override
    public String[] getVersion() {
        return new String[] {"leakline " + version()};
    }

    /**
     * The build's version, e.g. {@code 0.1.0}.
     *
     * @return the version from the properties file packaged with this class
     * @throws IllegalStateException when the file is missing or unfiltered: a broken build, not a user error
     */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the analyzer's jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = properties.getProperty("version", "");
        if (version.isEmpty() || version.contains("${")) {
            throw new IllegalStateException(RESOURCE + " was not filled in by the build: '" + version + "'");
        }
        return version;
    }
}
