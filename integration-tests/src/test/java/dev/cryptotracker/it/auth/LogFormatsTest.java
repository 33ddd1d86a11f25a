package dev.cryptotracker.it.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.status.Status;
import dev.cryptotracker.domain.auth.AuthService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The two log formats, plain text and JSON, load without errors and write what they promise. No servers. */
class LogFormatsTest {

    @ParameterizedTest
    @CsvSource({"logback-test.xml, CONSOLE", "logback-json.xml, JSON"})
    void configurationLoadsWithoutErrors(String resource, String appender) throws Exception {
        LoggerContext context = load(resource);
        try {
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .noneMatch(status -> status.getLevel() >= Status.WARN);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(appender)).isNotNull();
        } finally {
            context.stop();
        }
    }

    @ParameterizedTest
    @CsvSource({"logback-test.xml, CONSOLE", "logback-json.xml, JSON"})
    void writesAuthServiceLineWithLevelLoggerAndMessage(String resource, String appender) throws Exception {
        LoggerContext context = load(resource);
        try {
            String line = encode(context, appender, "user {} signed up", 42L);

            assertThat(line).contains("INFO").contains("AuthService").contains("user 42 signed up");
        } finally {
            context.stop();
        }
    }

    @Test
    void jsonFormatWritesOneJsonObjectPerLine() throws Exception {
        LoggerContext context = load("logback-json.xml");
        try {
            OutputStreamAppender<ILoggingEvent> json =
                    (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("JSON");
            assertThat(json.getEncoder()).isInstanceOf(JsonEncoder.class);

            String line = encode(context, "JSON", "user {} logged in", 7L);

            assertThat(line).startsWith("{").endsWith("}\n").containsOnlyOnce("\n")
                    .contains("\"level\":\"INFO\"")
                    .contains("\"loggerName\":\"" + AuthService.class.getName() + "\"")
                    .contains("\"formattedMessage\":\"user 7 logged in\"");
        } finally {
            context.stop();
        }
    }

    private static LoggerContext load(String resource) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogFormatsTest.class.getClassLoader().getResource(resource));
        return context;
    }

    @SuppressWarnings("unchecked")
    private static String encode(LoggerContext context, String appender, String message, Object argument) {
        OutputStreamAppender<ILoggingEvent> target =
                (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(appender);
        Encoder<ILoggingEvent> encoder = target.getEncoder();
        Logger logger = context.getLogger(AuthService.class);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null,
                new Object[] {argument});
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}
