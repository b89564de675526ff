package cn.qinglong.dangjian.eventstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's data files (the H2 event store holding the local signing key, the master key, the read
 * models' file) are its owner's alone: their folder {@code rwx------}, each file {@code rw-------}. On a file
 * system without POSIX permissions (Windows) they keep the folder's access rules.
 */
public final class PrivateFiles {

    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);

    private PrivateFiles() {
    }

    /** Creates the folder (and its parents) when missing, and makes it owner-only. */
    public static Path folder(Path folder) {
        try {
            Files.createDirectories(folder);
            set(folder, "rwx------");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + folder.toAbsolutePath(), e);
        }
    }

    /** Makes every file of the folder whose name starts with {@code prefix} owner-only. */
    public static void files(Path folder, String prefix) {
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(file -> file.getFileName().toString().startsWith(prefix) && Files.isRegularFile(file))
                    .forEach(file -> set(file, "rw-------"));
        } catch (IOException e) {
            log.warn("cannot list {} to make its files owner-only: {}", folder, e.toString());
        }
    }

    private static void set(Path path, String permissions) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // the folder's access rules apply
        } catch (IOException e) {
            log.warn("cannot make {} owner-only: {}", path, e.toString());
        }
    }
}
