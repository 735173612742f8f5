package io.musicrec.model.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.musicrec.corpus.CorpusManifest;
import io.musicrec.decode.AudioDecoder;
import io.musicrec.decode.DecodeOptions;
import io.musicrec.decode.DecodedClip;
import io.musicrec.decode.InputStreamOpener;
import io.musicrec.model.ClipPolicy;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import io.musicrec.testing.corpus.TestCorpus;
import io.musicrec.testing.realmusic.Encodings;
import io.musicrec.testing.realmusic.Ranking;
import io.musicrec.testing.realmusic.RealMusic;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures variants of builtin:logmel (not a test): pooled band count and envelope unit against codec
 * robustness (the songs and encodings of {@code CodecRobustnessTest}) and label quality
 * (precision@5 on the real-music fixture and on the generated test corpus). Arguments: the fixture
 * directory, variants as {@code bands/envelopeUnitDb} separated by commas, windows per track and
 * seconds per window (default: the spec's clip policy). Run
 * with the test classpath in an argfile as {@code EmbedBenchmarkRunner} says, e.g. {@code java @args
 * io.musicrec.model.onnx.LogMelVariantsRunner ~/.cache/musicrec/real-music 64/10,40/5 2 5}.
 */
public final class LogMelVariantsRunner {
  record Item(String song, String encoding, String genre, String artist, String album, float[][] windows) {}

  public static void main(String[] args) throws Exception {
    RealMusic music = RealMusic.load(Path.of(args[0]));
    List<String> variants = List.of((args.length > 1 ? args[1] : "64/10,40/5").split(","));
    ModelSpec logmel = ModelSpecs.resolve("builtin:logmel");
    int windows = args.length > 2 ? Integer.parseInt(args[2]) : logmel.clip().windows();
    double seconds = args.length > 3 ? Double.parseDouble(args[3]) : logmel.clip().seconds();
    ClipPolicy clip = new ClipPolicy(logmel.clip().mode(), seconds, windows, Math.min(seconds, logmel.clip().minSeconds()));
    AudioDecoder decoder = new AudioDecoder(new DecodeOptions(logmel.sampleRate(), clip, 120, 900));

    List<Item> real = new ArrayList<>();
    for (Path f : music.audioFiles()) {
      if (decoder.decode(f.toString(), InputStreamOpener.of(f)) instanceof DecodedClip c) {
        var l = music.labels().get(RealMusic.trackId(f));
        real.add(new Item(RealMusic.trackId(f), "original", l.genre(), l.artist(), l.album(), c.windows()));
      }
    }
    List<Item> generated = new ArrayList<>();
    TestCorpus corpus = TestCorpus.standard();
    for (CorpusManifest.Track t : corpus.manifest().catalog()) {
      Path f = corpus.file(t.path());
      if (decoder.decode(f.toString(), InputStreamOpener.of(f)) instanceof DecodedClip c) {
        generated.add(new Item(t.id(), "original", t.genre(), t.artist(), null, c.windows()));
      }
    }
    Path dir = Files.createTempDirectory("codecs");
    List<Item> encoded = new ArrayList<>();
    for (String song : RealMusic.CODEC_SONGS) {
      Path src = music.audioFiles().stream().filter(p -> RealMusic.trackId(p).equals(song)).findFirst().orElseThrow();
      List<Path> files = Encodings.encode(src, 40, 40, Encodings.MIXED, dir);
      for (int i = 0; i < files.size(); i++) {
        DecodedClip c = (DecodedClip) decoder.decode(files.get(i).toString(), InputStreamOpener.of(files.get(i)));
        encoded.add(new Item(song, Encodings.MIXED.get(i).name(), null, null, null, c.windows()));
      }
    }

    OrtEnvironment env = OrtEnvironment.getEnvironment();
    System.out.printf("%d windows of %.0f s per track%n", windows, clip.seconds());
    System.out.println("| variant | codec MRR | hit@1 | hit@1 from 8 kHz | real style | real artist | real album | generated genre | generated artist |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (String variant : variants) {
      String[] parts = variant.trim().split("/");
      int bands = Integer.parseInt(parts[0]);
      double envelopeUnit = parts.length > 1 ? Double.parseDouble(parts[1]) : LogMelGraph.ENVELOPE_UNIT_DB;
      try (OrtSession s = env.createSession(GraphBuilder.toBytes(LogMelGraph.model(bands, envelopeUnit)), new OrtSession.SessionOptions())) {
        Ranking<Item> codec = new Ranking<>(encoded, embed(env, s, encoded));
        Ranking<Item> r = new Ranking<>(real, embed(env, s, real));
        Ranking<Item> g = new Ranking<>(generated, embed(env, s, generated));
        double from8k = codec.firstSameRank(Item::song).entrySet().stream()
            .filter(e -> encoded.get(e.getKey()).encoding().startsWith("mp3_8k"))
            .mapToDouble(e -> e.getValue() == 1 ? 1 : 0).average().orElse(0);
        System.out.printf("| %d bands (to %.0f Hz), envelope in %.1f dB | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
            bands, upperEdgeHz(bands), envelopeUnit, codec.meanReciprocalRank(Item::song), codec.hitAt1(Item::song), from8k,
            r.precisionAt(5, Item::genre), r.precisionAt(5, Item::artist), r.precisionAt(5, Item::album),
            g.precisionAt(5, Item::genre), g.precisionAt(5, Item::artist));
        if (variant.equals(variants.get(variants.size() - 1))) {
          System.out.printf("| random ranking | | | | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
              r.randomPrecision(Item::genre), r.randomPrecision(Item::artist), r.randomPrecision(Item::album),
              g.randomPrecision(Item::genre), g.randomPrecision(Item::artist));
        }
      }
    }
  }

  /** The upper edge of the highest pooled band: where its triangle reaches zero. */
  static double upperEdgeHz(int bands) {
    double min = MelFilterBank.hzToMel(PannsFrontEnd.F_MIN);
    double max = MelFilterBank.hzToMel(PannsFrontEnd.F_MAX);
    return MelFilterBank.melToHz(min + (max - min) * (bands + 1) / (PannsFrontEnd.MEL_BANDS + 1));
  }

  private static List<float[]> embed(OrtEnvironment env, OrtSession session, List<Item> items) throws Exception {
    List<float[]> out = new ArrayList<>();
    for (Item item : items) {
      int n = item.windows()[0].length;
      FloatBuffer buffer = FloatBuffer.allocate(item.windows().length * n);
      for (float[] w : item.windows()) buffer.put(w);
      buffer.flip();
      try (OnnxTensor in = OnnxTensor.createTensor(env, buffer, new long[] {item.windows().length, n});
          OrtSession.Result result = session.run(Map.of(LogMelGraph.INPUT, in), Set.of(LogMelGraph.EMBEDDING))) {
        float[][] rows = (float[][]) result.get(0).getValue();
        float[] sum = new float[rows[0].length];
        for (float[] row : rows) for (int i = 0; i < sum.length; i++) sum[i] += row[i];
        out.add(sum); // cosine ignores the scale, so the sum ranks as the pipeline's normalised mean
      }
    }
    return out;
  }
}
