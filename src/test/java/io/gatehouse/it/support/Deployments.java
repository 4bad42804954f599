package io.gatehouse.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The built WAR (failsafe passes its path as {@code gatehouse.war}), deployed as ROOT. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive gatehouseRoot() {
        File war = new File(System.getProperty("gatehouse.war", "target/gatehouse.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("No WAR at " + war.getAbsolutePath() + ": run the package phase first");
        }
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }

    /**
     * The built WAR plus the test-only {@code exchange-probe} plugin in its own jar under
     * WEB-INF/lib, found through ServiceLoader exactly as a third-party plugin would be.
     */
    public static WebArchive gatehouseRootWithProbePlugin() {
        JavaArchive probe = ShrinkWrap.create(JavaArchive.class, "exchange-probe.jar")
                .addPackage(io.gatehouse.it.probe.ProbePlugin.class.getPackage())
                .addAsServiceProvider(io.gatehouse.plugin.GatewayPlugin.class, io.gatehouse.it.probe.ProbePlugin.class);
        return gatehouseRoot().addAsLibrary(probe);
    }
}
