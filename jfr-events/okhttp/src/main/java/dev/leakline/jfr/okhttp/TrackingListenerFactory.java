package dev.leakline.jfr.okhttp;

import dev.leakline.jfr.Leakline;
import okhttp3.Call;
import okhttp3.EventListener;

/** Creates each call's {@link TrackingListener} around the user's listener, or only the user's when nothing records. */
final class TrackingListenerFactory implements EventListener.Factory {
    private final EventListener.Factory userFactory;
    private final String poolName;

    TrackingListenerFactory(EventListener.Factory userFactory, String poolName) {
        this.userFactory = userFactory;
        this.poolName = poolName;
    }

    @Override
    public EventListener create(Call call) {
        EventListener user = userFactory.create(call);
        if (!Leakline.isRecording()) {
            return user;
        }
        return new TrackingListener(user, poolName);
    }
}
