package cn.qinglong.dangjian.eventstore.personal;

import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

/** A serializer that changes only the bytes of what it writes and reads; types and conversions are its delegate's. */
abstract class DelegatingSerializer implements Serializer {

    protected final Serializer delegate;

    DelegatingSerializer(Serializer delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
