package cn.qinglong.dangjian.eventstore;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * An H2 file event store (the embedded default) kept private. Before the first connection: its folder is made
 * owner-only, and when the URL asks for {@code AUTO_SERVER} (a second JVM on the same file, as {@code run.sh} starts
 * the query side) H2's TCP server is bound to loopback ({@code h2.bindAddress}; H2 would otherwise listen on every
 * interface with the database's user and password, and write that address into its lock file); once the service is
 * up, the database's files are owner-only too. Without {@code AUTO_SERVER} (the default URL) H2 opens no socket.
 */
final class H2Files implements BeanPostProcessor, ApplicationListener<ApplicationReadyEvent> {

    static final String BIND_ADDRESS = "h2.bindAddress";

    private final Path database;
    private final boolean autoServer;

    H2Files(Environment environment) {
        String url = environment.getProperty("spring.datasource.url", "");
        this.database = file(url);
        this.autoServer = url.toUpperCase(java.util.Locale.ROOT).contains(";AUTO_SERVER=TRUE");
    }

    /** The database file's path (without H2's suffixes) of a {@code jdbc:h2:file:} URL, or null. */
    static Path file(String url) {
        String prefix = url.startsWith("jdbc:h2:file:") ? "jdbc:h2:file:" : null;
        if (prefix == null) {
            return null;
        }
        String rest = url.substring(prefix.length());
        int options = rest.indexOf(';');
        String name = options < 0 ? rest : rest.substring(0, options);
        return name.startsWith("~") ? null : Path.of(name).toAbsolutePath();
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource && database != null) {
            PrivateFiles.folder(database.getParent());
            if (autoServer && System.getProperty(BIND_ADDRESS) == null) {
                System.setProperty(BIND_ADDRESS, "127.0.0.1");
            }
        }
        return bean;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (database != null) {
            PrivateFiles.files(database.getParent(), database.getFileName().toString() + ".");
        }
    }
}
