package io.musicrec.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The subset of the ONNX protobuf schema (onnx.proto, IR version 8) that the built-in graphs
 * need, with field numbers from the public specification. Each record writes itself with {@link
 * ProtoWriter}; nothing here depends on generated protobuf code.
 */
public final class OnnxProto {
  private OnnxProto() {}

  /** TensorProto.DataType values used here. */
  public static final int FLOAT = 1;
  public static final int INT64 = 7;
  public static final int FLOAT16 = 10;

  /** IR version 8 is the one that goes with opset 17. */
  public static final long IR_VERSION = 8;

  public record OperatorSetId(String domain, long version) implements ProtoWriter.Message {
    @Override
    public void writeTo(ProtoWriter out) {
      if (!domain.isEmpty()) out.string(1, domain);
      out.int64(2, version);
    }
  }

  public record Model(
      String producerName, String producerVersion, String docString, List<OperatorSetId> opsets, Graph graph)
      implements ProtoWriter.Message {
    @Override
    public void writeTo(ProtoWriter out) {
      out.int64(1, IR_VERSION);
      out.string(2, producerName);
      out.string(3, producerVersion);
      if (!docString.isEmpty()) out.string(6, docString);
      out.message(7, graph);
      for (OperatorSetId opset : opsets) out.message(8, opset);
    }
  }

  public record Graph(
      String name, List<Node> nodes, List<Tensor> initializers, List<ValueInfo> inputs, List<ValueInfo> outputs)
      implements ProtoWriter.Message {
    @Override
    public void writeTo(ProtoWriter out) {
      for (Node node : nodes) out.message(1, node);
      out.string(2, name);
      for (Tensor t : initializers) out.message(5, t);
      for (ValueInfo v : inputs) out.message(11, v);
      for (ValueInfo v : outputs) out.message(12, v);
    }
  }

  public record Node(String name, String opType, List<String> inputs, List<String> outputs, List<Attribute> attributes)
      implements ProtoWriter.Message {
    @Override
    public void writeTo(ProtoWriter out) {
      for (String in : inputs) out.string(1, in);
      for (String o : outputs) out.string(2, o);
      out.string(3, name);
      out.string(4, opType);
      for (Attribute a : attributes) out.message(5, a);
    }
  }

  /** An attribute holding exactly one of: float, int, string, ints. */
  public record Attribute(String name, int type, float f, long i, String s, long[] ints)
      implements ProtoWriter.Message {
    private static final int TYPE_FLOAT = 1;
    private static final int TYPE_INT = 2;
    private static final int TYPE_STRING = 3;
    private static final int TYPE_INTS = 7;

    public static Attribute of(String name, float value) {
      return new Attribute(name, TYPE_FLOAT, value, 0, null, null);
    }

    public static Attribute of(String name, long value) {
      return new Attribute(name, TYPE_INT, 0, value, null, null);
    }

    public static Attribute of(String name, String value) {
      return new Attribute(name, TYPE_STRING, 0, 0, value, null);
    }

    public static Attribute ints(String name, long... values) {
      return new Attribute(name, TYPE_INTS, 0, 0, null, values.clone());
    }

    @Override
    public void writeTo(ProtoWriter out) {
      out.string(1, name);
      switch (type) {
        case TYPE_FLOAT -> out.float32(2, f);
        case TYPE_INT -> out.int64(3, i);
        case TYPE_STRING -> out.string(4, s);
        case TYPE_INTS -> out.packedInt64(8, ints);
        default -> throw new IllegalStateException("attribute type " + type);
      }
      out.int64(20, type);
    }
  }

  /** An initializer; its values go to raw_data (little-endian), the compact form runtimes prefer. */
  public record Tensor(String name, int dataType, long[] dims, FloatData floats, long[] longs)
      implements ProtoWriter.Message {
    public static Tensor floats(String name, float[] values, long... dims) {
      return floats(name, FloatData.of(values), dims);
    }

    public static Tensor floats(String name, FloatData values, long... dims) {
      checkCount(name, values.size(), dims);
      return new Tensor(name, FLOAT, dims.clone(), values, null);
    }

    public static Tensor longs(String name, long[] values, long... dims) {
      checkCount(name, values.length, dims);
      return new Tensor(name, INT64, dims.clone(), null, values.clone());
    }

    private static void checkCount(String name, long count, long[] dims) {
      long expected = 1;
      for (long d : dims) expected *= d;
      if (expected != count) {
        throw new IllegalArgumentException(name + ": " + count + " values for dims of size " + expected);
      }
    }

    @Override
    public void writeTo(ProtoWriter out) {
      out.packedInt64(1, dims);
      out.int64(2, dataType);
      out.string(8, name);
      if (floats != null) {
        out.floatsLittleEndian(9, floats);
      } else {
        ByteBuffer raw = ByteBuffer.allocate(8 * longs.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(longs);
        out.bytes(9, raw.array());
      }
    }
  }

  /**
   * A graph input or output: a float or int64 tensor whose dimensions are fixed sizes or symbolic
   * names (a {@code String} such as "batch" marks a dynamic axis).
   */
  public record ValueInfo(String name, int elemType, List<Object> dims) implements ProtoWriter.Message {
    @Override
    public void writeTo(ProtoWriter out) {
      out.string(1, name);
      out.message(2, (ProtoWriter.Message) typeOut -> typeOut.message(1, tensorType -> {
        tensorType.int64(1, elemType);
        tensorType.message(2, shape -> {
          for (Object d : dims) {
            shape.message(1, dim -> {
              if (d instanceof String param) dim.string(2, param);
              else dim.int64(1, ((Number) d).longValue());
            });
          }
        });
      }));
    }
  }
}
