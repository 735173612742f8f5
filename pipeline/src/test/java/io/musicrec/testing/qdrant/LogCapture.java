package io.musicrec.testing.qdrant;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Collects everything logged through Log4j (and so SLF4J) while open, e.g. to prove secrets stay out of logs. */
public final class LogCapture implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final Appender appender;
  private final LoggerContext context;

  public LogCapture() {
    context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    appender = WriterAppender.newBuilder()
        .setName("capture-" + System.identityHashCode(this))
        .setTarget(text)
        .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n%ex").withConfiguration(config).build())
        .build();
    appender.start();
    config.getRootLogger().addAppender(appender, Level.ALL, null);
    for (LoggerConfig logger : config.getLoggers().values()) {
      if (logger != config.getRootLogger()) logger.addAppender(appender, Level.ALL, null);
    }
    context.updateLoggers();
  }

  public String text() {
    return text.toString();
  }

  @Override
  public void close() {
    Configuration config = context.getConfiguration();
    for (LoggerConfig logger : config.getLoggers().values()) logger.removeAppender(appender.getName());
    config.getRootLogger().removeAppender(appender.getName());
    context.updateLoggers();
    appender.stop();
  }
}
