package cn.qinglong.dangjian.security;

import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * The embedded default (the local signing key and its token endpoint; an H2 file for the event store) is meant for
 * one machine: started on an address other than loopback ({@code server.address} set to one, or left empty, which is
 * every interface), it says so loudly once the server listens.
 */
final class ExposureWarning implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ExposureWarning.class);

    private final Environment environment;

    ExposureWarning(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        String address = environment.getProperty("server.address", "");
        if (!exposed(address)) {
            return;
        }
        String message = "WARNING: the embedded default (local signing key, demo token endpoint"
                + (environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:") ? ", H2 event store" : "")
                + ") listens on " + (address.isBlank() ? "every interface" : address) + ":" + event.getWebServer().getPort()
                + ", not only on loopback. Other machines can reach it. Set SERVER_ADDRESS=127.0.0.1, or configure an "
                + "identity provider (APP_SECURITY_ISSUER_URI) and a database server before exposing the service.";
        log.warn(message);
        System.err.println(message);
    }

    static boolean exposed(String address) {
        if (address == null || address.isBlank()) {
            return true;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            return !parsed.isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return true;
        }
    }
}
