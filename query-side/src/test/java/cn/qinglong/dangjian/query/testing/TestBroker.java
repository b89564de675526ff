package cn.qinglong.dangjian.query.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The machine's RabbitMQ, which the AMQP suites use: {@code TEST_RABBITMQ_HOST} (127.0.0.1), port 5672, guest/guest. */
public final class TestBroker {

    public static final String HOST = System.getenv().getOrDefault("TEST_RABBITMQ_HOST", "127.0.0.1");
    public static final int PORT = 5672;

    private TestBroker() {
    }

    /**
     * For {@code @EnabledIf("cn.qinglong.dangjian.query.testing.TestBroker#runningOrRequired")}: a suite is skipped when
     * no broker listens and CI is not set; with {@code CI=true} a missing broker fails it.
     */
    public static boolean runningOrRequired() {
        if ("true".equals(System.getenv("CI"))) {
            return true;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
