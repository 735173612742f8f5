package io.musicrec.embed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.Settings;
import io.musicrec.decode.AudioDecoder;
import io.musicrec.decode.DecodeOptions;
import io.musicrec.decode.DecodeResult;
import io.musicrec.decode.DecodedClip;
import io.musicrec.decode.InputStreamOpener;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import io.musicrec.testing.realmusic.Encodings;
import io.musicrec.testing.realmusic.Ranking;
import io.musicrec.testing.realmusic.RealMusic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same recording in the encodings a real catalogue mixes (8 kHz 24 kb/s mono MP3 up to 320 kb/s
 * MP3 and Ogg Vorbis) must find itself before any other song: codec, sample rate and bandwidth must
 * not dominate similarity. Nine real tracks from the real-music fixture (three per style), one 40 s
 * excerpt each in five encodings; every one of the 45 files queries the 44 others by cosine.
 */
class CodecRobustnessTest {
  @TempDir Path work;

  record Copy(String song, String encoding) {}

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // Before the band limit (logmel version 1, 64 bands to 14 kHz): hit@1 0.40 overall, 0/9 from
      // the 8 kHz copies. Version 2 (40 bands to 3.7 kHz): 45/45.
      "builtin:logmel, 0.85",
  })
  void everyEncodingOfASongFindsAnotherEncodingOfTheSameSongFirst(String model, double minimumHitAt1) throws Exception {
    RealMusic music = RealMusic.require();
    ModelSpec spec = ModelSpecs.resolve(model);
    AudioDecoder decoder = new AudioDecoder(DecodeOptions.of(spec, new Settings.Decode(120, 900, 1)));
    List<Copy> copies = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    try (BatchingEmbedder embedder = BatchingEmbedder.open(spec, new Settings.Embed(8, 5, false, 1), OptionalInt.empty())) {
      for (String song : RealMusic.CODEC_SONGS) {
        Path source = music.audioFiles().stream().filter(f -> RealMusic.trackId(f).equals(song)).findFirst()
            .orElseThrow(() -> new AssertionError("the fixture has no " + song));
        List<Path> files = Encodings.encode(source, 40, 40, Encodings.MIXED, work);
        for (int i = 0; i < files.size(); i++) {
          DecodeResult decoded = decoder.decode(files.get(i).toString(), InputStreamOpener.of(files.get(i)));
          assertTrue(decoded instanceof DecodedClip, files.get(i) + ": " + decoded);
          copies.add(new Copy(song, Encodings.MIXED.get(i).name()));
          vectors.add(embedder.submit(((DecodedClip) decoded).windows()).get().vector());
        }
      }
    }
    Ranking<Copy> ranking = new Ranking<>(copies, vectors);
    Map<Integer, Integer> ranks = ranking.firstSameRank(Copy::song);
    Map<String, double[]> byEncoding = new TreeMap<>(); // encoding -> {queries, hits at 1}
    for (Map.Entry<Integer, Integer> e : ranks.entrySet()) {
      double[] tally = byEncoding.computeIfAbsent(copies.get(e.getKey()).encoding(), k -> new double[2]);
      tally[0]++;
      if (e.getValue() == 1) tally[1]++;
    }
    StringBuilder perEncoding = new StringBuilder();
    byEncoding.forEach((encoding, t) -> perEncoding.append(String.format(" %s %.0f/%.0f", encoding, t[1], t[0])));
    System.out.printf("codec robustness, %s: same-song MRR %.3f, hit@1 %.3f; hit@1 by query encoding:%s%n",
        model, ranking.meanReciprocalRank(Copy::song), ranking.hitAt1(Copy::song), perEncoding);
    byEncoding.forEach((encoding, t) -> assertTrue(t[1] / t[0] >= minimumHitAt1,
        model + ": queries in " + encoding + " find their own song first in only " + (int) t[1] + " of " + (int) t[0]
            + " (at least " + minimumHitAt1 + " expected);" + perEncoding));
  }
}
