package io.musicrec.jobs.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Raw little-endian float32 files: how PCM windows and embeddings cross to the Python reference. */
public final class Float32Files {
  private Float32Files() {}

  public static void write(Path file, List<float[]> rows) throws IOException {
    int total = rows.stream().mapToInt(r -> r.length).sum();
    ByteBuffer buffer = ByteBuffer.allocate(4 * total).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : rows) for (float v : row) buffer.putFloat(v);
    Files.write(file, buffer.array());
  }

  /** The file as rows of {@code width} values. */
  public static float[][] read(Path file, int width) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int values = buffer.remaining() / 4;
    if (values % width != 0) throw new IOException(file + ": " + values + " values are not rows of " + width);
    float[][] rows = new float[values / width][width];
    for (float[] row : rows) for (int i = 0; i < width; i++) row[i] = buffer.getFloat();
    return rows;
  }
}
