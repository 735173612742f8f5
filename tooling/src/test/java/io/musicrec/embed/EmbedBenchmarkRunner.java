package io.musicrec.embed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicrec.config.Settings;
import io.musicrec.model.ModelSpecs;
import io.musicrec.runtime.PerJvm;
import java.util.List;
import java.util.OptionalInt;

/**
 * Prints {@link EmbedBenchmark} figures as JSON (not a test). Arguments: model ref, batch size,
 * clips, clip seconds, submitters, sweep clips, sweep batch sizes (comma-separated), rounds. Run
 * with the test classpath in an argfile (ONNX Runtime 1.29 crashed creating its environment here
 * when the JVM had a ~19 KB {@code -cp} on its command line; an {@code @argfile} or CLASSPATH works):
 * {@code mvn -o -q -pl tooling -am test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt; echo "-cp
 * tooling/target/test-classes:tooling/target/classes:pipeline/target/test-classes:pipeline/target/classes:$(cat
 * tooling/cp.txt)" > args; java @args io.musicrec.embed.EmbedBenchmarkRunner builtin:logmel 16 256 5 4 64 1,2,4,8,16,32 3}.
 */
public final class EmbedBenchmarkRunner {
  public static void main(String[] args) throws Exception {
    String model = args.length > 0 ? args[0] : "builtin:logmel";
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int clips = args.length > 2 ? Integer.parseInt(args[2]) : 256;
    double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 5;
    int submitters = args.length > 4 ? Integer.parseInt(args[4]) : 4;
    int sweepClips = args.length > 5 ? Integer.parseInt(args[5]) : 64;
    int rounds = args.length > 7 ? Integer.parseInt(args[7]) : 3;
    List<Integer> sweep = List.of((args.length > 6 ? args[6] : "1,2,4,8,16,32").split(",")).stream()
        .map(Integer::parseInt).toList();
    EmbedBenchmark.Result result = EmbedBenchmark.run(ModelSpecs.resolve(model), new Settings.Embed(batch, 20, false, 0),
        OptionalInt.empty(), new EmbedBenchmark.Options(clips, seconds, submitters, sweep, sweepClips, rounds));
    System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
    PerJvm.closeEmbedders();
  }
}
