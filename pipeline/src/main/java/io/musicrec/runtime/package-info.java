/**
 * What lives for a whole JVM: {@link io.musicrec.runtime.PerJvm} lists it (the vector stores and
 * embedders an executor's tasks share, keyed by every setting that makes two differ; the embedded
 * store's open Lucene collections) and says who closes each; {@link io.musicrec.runtime.JvmShared}
 * is the keyed registry behind it. Nothing else in the code base keeps JVM-wide instances.
 */
package io.musicrec.runtime;
