package io.musicrec.jobs.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a report's files: {@code report.json} (for tools), {@code report.md} (for people). */
public final class ReportFiles {
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ReportFiles() {}

  public static Path writeJson(Path dir, Object report) {
    Path file = dir.resolve("report.json");
    try {
      Files.createDirectories(dir);
      JSON.writeValue(file.toFile(), report);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static Path writeMarkdown(Path dir, String markdown) {
    Path file = dir.resolve("report.md");
    try {
      Files.createDirectories(dir);
      Files.writeString(file, markdown);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
