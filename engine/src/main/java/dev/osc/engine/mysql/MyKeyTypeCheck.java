package dev.osc.engine.mysql;

import dev.osc.engine.check.KeyTypeCheck;

/** Key types {@link MyKeyTypes} binds back into SQL exactly. */
public final class MyKeyTypeCheck extends KeyTypeCheck {
    @Override
    protected boolean supported(String type) {
        return MyKeyTypes.bindExpression(type).isPresent();
    }
}
