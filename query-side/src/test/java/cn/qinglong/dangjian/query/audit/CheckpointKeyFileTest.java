package cn.qinglong.dangjian.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/** The checkpoint signing key lives with the rest of the embedded default's data: in DATA_DIR unless named. */
class CheckpointKeyFileTest {

    private static String keyFile(Map<String, Object> environment) throws Exception {
        // only what is given here and the service's own file: the machine's environment must not answer for it
        AbstractEnvironment env = new AbstractEnvironment() { };
        env.getPropertySources().addFirst(new MapPropertySource("environment", environment));
        env.getPropertySources().addLast(new ResourcePropertySource(new ClassPathResource("application.properties")));
        return env.getProperty("checkpoints.signing-key-file");
    }

    @Test
    void the_key_file_follows_data_dir_and_defaults_to_the_data_folder() throws Exception {
        assertThat(keyFile(Map.of("DATA_DIR", "/srv/qinglong"))).isEqualTo("/srv/qinglong/checkpoint.key");
        assertThat(keyFile(Map.of())).isEqualTo("./data/checkpoint.key");
    }

    @Test
    void checkpoint_signing_key_file_wins_over_data_dir() throws Exception {
        assertThat(keyFile(Map.of("DATA_DIR", "/srv/qinglong", "CHECKPOINT_SIGNING_KEY_FILE", "/run/secrets/cp.key")))
                .isEqualTo("/run/secrets/cp.key");
    }
}
