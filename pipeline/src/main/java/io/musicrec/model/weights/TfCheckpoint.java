package io.musicrec.model.weights;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * A TensorFlow checkpoint in the V2 "tensor bundle" format (what {@code tf.train.Saver} writes:
 * {@code PREFIX.index} plus {@code PREFIX.data-00000-of-00001}), read without TensorFlow.
 *
 * <p>The index is a LevelDB-format table (blocks of prefix-compressed keys, a block index and a
 * 48-byte footer) mapping each variable name to a {@code BundleEntryProto}: dtype, shape, shard,
 * offset, size and a masked CRC-32C of the tensor's bytes, which this reader checks. Only what
 * checkpoints of float networks need is supported: uncompressed tables, one shard, float32.
 */
public final class TfCheckpoint implements WeightFile {
  private static final long TABLE_MAGIC = 0xdb4775248b80fb57L;
  private static final int FOOTER_BYTES = 48;
  private static final int BLOCK_TRAILER_BYTES = 5;
  private static final int DT_FLOAT = 1;

  private record Entry(int dtype, long[] shape, int shard, long offset, long size, int maskedCrc) {}

  private final Path index;
  private final Path data;
  private final Map<String, Entry> entries;

  private TfCheckpoint(Path index, Path data, Map<String, Entry> entries) {
    this.index = index;
    this.data = data;
    this.entries = entries;
  }

  /** Opens the single checkpoint in {@code dir} (its {@code *.index} file and data shard). */
  public static TfCheckpoint open(Path dir) {
    Path indexFile = null;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.index")) {
      for (Path file : files) {
        if (indexFile != null) throw new WeightFileException(dir + " holds more than one checkpoint (*.index)");
        indexFile = file;
      }
    } catch (IOException e) {
      throw new WeightFileException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (indexFile == null) throw new WeightFileException(dir + " holds no TensorFlow checkpoint (*.index)");
    String name = indexFile.getFileName().toString();
    String prefix = name.substring(0, name.length() - ".index".length());
    Path dataFile = dir.resolve(prefix + ".data-00000-of-00001");
    if (!Files.isRegularFile(dataFile)) {
      throw new WeightFileException("checkpoint " + indexFile + " has no single data shard " + dataFile.getFileName());
    }
    try {
      return new TfCheckpoint(indexFile, dataFile, readIndex(Files.readAllBytes(indexFile), indexFile));
    } catch (IOException e) {
      throw new WeightFileException("cannot read " + indexFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Set<String> names() {
    return Collections.unmodifiableSet(entries.keySet());
  }

  @Override
  public WeightTensor get(String name) {
    Entry entry = entries.get(name);
    if (entry == null) throw new WeightFileException("checkpoint " + index + " has no variable '" + name + "'");
    if (entry.dtype != DT_FLOAT) throw new WeightFileException(name + " is not float32 (dtype " + entry.dtype + ")");
    if (entry.shard != 0) throw new WeightFileException(name + " lives in shard " + entry.shard + "; only one shard is supported");
    byte[] bytes = new byte[Math.toIntExact(entry.size)];
    try (var channel = Files.newByteChannel(data)) {
      channel.position(entry.offset);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) throw new WeightFileException(data + " ends inside " + name + ": the file is truncated");
      }
    } catch (IOException e) {
      throw new WeightFileException("cannot read " + name + " from " + data + ": " + e.getMessage(), e);
    }
    if (mask(crc32c(bytes, 0, bytes.length)) != entry.maskedCrc) {
      throw new WeightFileException(name + " fails its checksum in " + data + ": the file is corrupt");
    }
    float[] values = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return new WeightTensor(name, entry.shape, values);
  }

  private static Map<String, Entry> readIndex(byte[] table, Path file) throws IOException {
    if (table.length < FOOTER_BYTES) throw new WeightFileException(file + " is too short to be a checkpoint index");
    ByteBuffer footer = ByteBuffer.wrap(table, table.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
    if (footer.getLong() != TABLE_MAGIC) throw new WeightFileException(file + " is not a TensorFlow checkpoint index");
    CodedInputStream handles = CodedInputStream.newInstance(table, table.length - FOOTER_BYTES, FOOTER_BYTES);
    handles.readRawVarint64(); // metaindex block: unused by tensor bundles
    handles.readRawVarint64();
    long indexOffset = handles.readRawVarint64();
    long indexSize = handles.readRawVarint64();
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (byte[] handle : block(table, indexOffset, indexSize, file).values()) {
      CodedInputStream in = CodedInputStream.newInstance(handle);
      long offset = in.readRawVarint64();
      long size = in.readRawVarint64();
      block(table, offset, size, file).forEach((key, value) -> {
        if (!key.isEmpty()) entries.put(key, parseEntry(value, key, file)); // "" is the bundle header
      });
    }
    return entries;
  }

  /** The key-value pairs of one table block, after checking its trailer's CRC. */
  private static Map<String, byte[]> block(byte[] table, long offset, long size, Path file) throws IOException {
    int start = Math.toIntExact(offset);
    int length = Math.toIntExact(size);
    if (start < 0 || start + length + BLOCK_TRAILER_BYTES > table.length) {
      throw new WeightFileException(file + " has a block outside the file: truncated or corrupt");
    }
    if (table[start + length] != 0) throw new WeightFileException(file + " uses a compressed table; not supported");
    int stored = ByteBuffer.wrap(table, start + length + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (mask(crc32c(table, start, length + 1)) != stored) throw new WeightFileException(file + " fails a block checksum: corrupt");
    ByteBuffer block = ByteBuffer.wrap(table, start, length).order(ByteOrder.LITTLE_ENDIAN);
    int restarts = block.getInt(start + length - 4);
    int end = start + length - 4 - 4 * restarts;
    CodedInputStream in = CodedInputStream.newInstance(table, start, end - start);
    Map<String, byte[]> pairs = new LinkedHashMap<>();
    byte[] key = new byte[0];
    while (!in.isAtEnd()) {
      int shared = in.readRawVarint32();
      int unshared = in.readRawVarint32();
      int valueLength = in.readRawVarint32();
      byte[] next = new byte[shared + unshared];
      System.arraycopy(key, 0, next, 0, shared);
      System.arraycopy(in.readRawBytes(unshared), 0, next, shared, unshared);
      key = next;
      pairs.put(new String(key, java.nio.charset.StandardCharsets.UTF_8), in.readRawBytes(valueLength));
    }
    return pairs;
  }

  /** A {@code BundleEntryProto}: dtype=1, shape=2, shard_id=3, offset=4, size=5, crc32c=6. */
  private static Entry parseEntry(byte[] proto, String name, Path file) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(proto);
      int dtype = 0;
      int shard = 0;
      long offset = 0;
      long size = 0;
      int crc = 0;
      long[] shape = new long[0];
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag >>> 3) {
          case 1 -> dtype = in.readEnum();
          case 2 -> shape = parseShape(in.readByteArray());
          case 3 -> shard = in.readInt32();
          case 4 -> offset = in.readInt64();
          case 5 -> size = in.readInt64();
          case 6 -> crc = in.readFixed32();
          case 7 -> throw new WeightFileException(name + " is a partitioned (sliced) variable; not supported");
          default -> in.skipField(tag);
        }
      }
      return new Entry(dtype, shape, shard, offset, size, crc);
    } catch (IOException e) {
      throw new WeightFileException(file + ": entry " + name + " is corrupt", e);
    }
  }

  /** A {@code TensorShapeProto}: repeated dim=2 {size=1}. */
  private static long[] parseShape(byte[] proto) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(proto);
    List<Long> dims = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag >>> 3 == 2) {
        CodedInputStream dim = CodedInputStream.newInstance(in.readByteArray());
        long size = 0;
        for (int t = dim.readTag(); t != 0; t = dim.readTag()) {
          if (t >>> 3 == 1) size = dim.readInt64();
          else dim.skipField(t);
        }
        dims.add(size);
      } else {
        in.skipField(tag);
      }
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }

  private static int crc32c(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /** LevelDB's and TensorFlow's masked CRC: rotate right by 15 and add a constant. */
  private static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
  }
}
