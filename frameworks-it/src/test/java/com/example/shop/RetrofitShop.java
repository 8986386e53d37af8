package com.example.shop;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.scalars.ScalarsConverterFactory;
import retrofit2.http.GET;
import retrofit2.http.Streaming;

/**
 * An application that calls a downstream service through Retrofit 2 over OkHttp, synchronously ({@code execute}) and
 * asynchronously ({@code enqueue}). Each call sits in its own method on its own line, marked {@code // site:NAME}.
 */
public final class RetrofitShop {
    /** The downstream API as Retrofit sees it. */
    public interface DataApi {
        /** The body as a stream, not buffered: the caller must close it. */
        @Streaming
        @GET("data")
        Call<ResponseBody> stream();

        /** The body read into a string by the scalars converter. */
        @GET("data")
        Call<String> text();
    }

    private final DataApi api;
    private final List<AutoCloseable> open;

    public RetrofitShop(OkHttpClient client, String origin, List<AutoCloseable> open) {
        this.api = new Retrofit.Builder().baseUrl(origin + "/").client(client)
                .addConverterFactory(ScalarsConverterFactory.create()).build().create(DataApi.class);
        this.open = open;
    }

    /** Executes and never closes the streamed body. */
    public void executeLeak() throws IOException {
        Response<ResponseBody> response = api.stream().execute(); // site:executeLeak
        open.add(response.body());
    }

    /** Executes and reads the body to a string (the converter closes it). */
    public String executeRead() throws IOException {
        return api.text().execute().body(); // site:executeRead
    }

    /** Enqueues; the callback keeps the streamed body and never closes it. Returns once the callback ran. */
    public void enqueueLeak() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        api.stream().enqueue(new Callback<ResponseBody>() { // site:enqueueLeak
            @Override
            public void onResponse(Call<ResponseBody> call, Response<ResponseBody> response) {
                open.add(response.body());
                done.countDown();
            }

            @Override
            public void onFailure(Call<ResponseBody> call, Throwable t) {
                done.countDown();
            }
        });
        await(done);
    }

    /** Enqueues and reads the body to a string in the callback. Returns the string once the callback ran. */
    public String enqueueRead() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<String> text = new AtomicReference<>();
        api.text().enqueue(new Callback<String>() { // site:enqueueRead
            @Override
            public void onResponse(Call<String> call, Response<String> response) {
                text.set(response.body());
                done.countDown();
            }

            @Override
            public void onFailure(Call<String> call, Throwable t) {
                done.countDown();
            }
        });
        await(done);
        return text.get();
    }

    private static void await(CountDownLatch done) throws InterruptedException {
        if (!done.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no callback within 10 s");
        }
    }
}
