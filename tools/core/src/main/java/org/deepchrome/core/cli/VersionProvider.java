package org.deepchrome.core.cli;

import picocli.CommandLine;

/** Reports the suite version recorded in the tool jar's manifest (or "dev" when run from classes). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static String suiteVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"${COMMAND-FULL-NAME} " + suiteVersion() + " (DeepChrome suite)",
            "Java ${java.version}, ${os.name} ${os.arch}"};
    }
}
