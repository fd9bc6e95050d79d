package org.deepchrome.binsignals;

/** For {@link InflaterTest}: prints which inflater {@link Inflaters#install()} picks in this JVM. */
public final class InflaterProbe {
    private InflaterProbe() {
    }

    public static void main(String[] args) {
        System.out.println(Inflaters.install());
    }
}
