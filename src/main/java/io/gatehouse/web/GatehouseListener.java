package io.gatehouse.web;

import io.gatehouse.core.Gatehouse;
import io.gatehouse.core.Settings;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.sql.Driver;
import java.sql.DriverManager;
import java.util.Collections;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts the gateway with the web application and stops it, database last, on undeploy. */
public final class GatehouseListener implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(GatehouseListener.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Settings settings = new Settings(event.getServletContext()::getInitParameter, System.getenv());
        try {
            Gatehouse gatehouse = Gatehouse.start(settings, Thread.currentThread().getContextClassLoader());
            gatehouse.attach(event.getServletContext());
            LOG.info(Gatehouse.PRODUCT + " started");
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Gatehouse could not start", e);
            throw new IllegalStateException("Gatehouse could not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Gatehouse gatehouse = Gatehouse.from(event.getServletContext());
        if (gatehouse != null) {
            gatehouse.close();
        }
        // Tomcat warns about drivers registered by a web application and never deregistered.
        ClassLoader ours = Thread.currentThread().getContextClassLoader();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == ours) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (java.sql.SQLException e) {
                    LOG.log(Level.FINE, "Could not deregister " + driver, e);
                }
            }
        }
    }
}
