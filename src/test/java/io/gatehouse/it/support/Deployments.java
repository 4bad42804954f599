package io.gatehouse.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
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
}
