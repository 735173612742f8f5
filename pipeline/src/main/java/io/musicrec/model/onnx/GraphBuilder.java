package io.musicrec.model.onnx;

import io.musicrec.model.onnx.OnnxProto.Attribute;
import io.musicrec.model.onnx.OnnxProto.Graph;
import io.musicrec.model.onnx.OnnxProto.Model;
import io.musicrec.model.onnx.OnnxProto.Node;
import io.musicrec.model.onnx.OnnxProto.OperatorSetId;
import io.musicrec.model.onnx.OnnxProto.Tensor;
import io.musicrec.model.onnx.OnnxProto.ValueInfo;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Accumulates the nodes and initializers of an opset-17 graph, naming every value uniquely. */
final class GraphBuilder {
  static final long OPSET = 17;

  private final String name;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Tensor> initializers = new ArrayList<>();
  private final List<ValueInfo> inputs = new ArrayList<>();
  private final List<ValueInfo> outputs = new ArrayList<>();
  private int counter;

  GraphBuilder(String name) {
    this.name = name;
  }

  /** Declares a float graph input; a {@code String} dimension is dynamic. */
  String input(String inputName, Object... dims) {
    inputs.add(new ValueInfo(inputName, OnnxProto.FLOAT, List.of(dims)));
    return inputName;
  }

  /** Exposes {@code value} as the float graph output {@code outputName}. */
  void output(String value, String outputName, Object... dims) {
    nodes.add(new Node(outputName + "_identity", "Identity", List.of(value), List.of(outputName), List.of()));
    outputs.add(new ValueInfo(outputName, OnnxProto.FLOAT, List.of(dims)));
  }

  String floats(String hint, float[] values, long... dims) {
    String tensorName = fresh(hint);
    initializers.add(Tensor.floats(tensorName, values, dims));
    return tensorName;
  }

  String floats(String hint, FloatData values, long... dims) {
    String tensorName = fresh(hint);
    initializers.add(Tensor.floats(tensorName, values, dims));
    return tensorName;
  }

  String scalar(String hint, float value) {
    return floats(hint, new float[] {value});
  }

  String longs(String hint, long... values) {
    String tensorName = fresh(hint);
    initializers.add(Tensor.longs(tensorName, values, values.length));
    return tensorName;
  }

  String longScalar(String hint, long value) {
    String tensorName = fresh(hint);
    initializers.add(Tensor.longs(tensorName, new long[] {value}));
    return tensorName;
  }

  /** Adds one node with a single output and returns that output's name. */
  String op(String opType, List<String> in, Attribute... attributes) {
    String out = fresh(opType.toLowerCase());
    nodes.add(new Node(out + "_node", opType, List.copyOf(in), List.of(out), Arrays.asList(attributes)));
    return out;
  }

  String op(String opType, String... in) {
    return op(opType, List.of(in));
  }

  Model build(String docString) {
    Graph graph = new Graph(name, List.copyOf(nodes), List.copyOf(initializers), List.copyOf(inputs), List.copyOf(outputs));
    return new Model("musicrec", "1", docString, List.of(new OperatorSetId("", OPSET)), graph);
  }

  static byte[] toBytes(Model model) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    write(model, bytes);
    return bytes.toByteArray();
  }

  static void write(Model model, OutputStream out) {
    try {
      BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
      model.writeTo(ProtoWriter.streamingTo(buffered));
      buffered.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String fresh(String hint) {
    return hint + "_" + counter++;
  }
}
