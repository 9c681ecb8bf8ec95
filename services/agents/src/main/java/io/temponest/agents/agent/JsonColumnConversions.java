package io.temponest.agents.agent;

import java.sql.SQLException;
import java.util.List;

import org.postgresql.util.PGobject;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;

/** Maps {@link JsonColumn} to and from PostgreSQL {@code jsonb} for Spring Data JDBC. */
@Configuration(proxyBeanMethods = false)
class JsonColumnConversions {

	@Bean
	JdbcCustomConversions jdbcCustomConversions() {
		return new JdbcCustomConversions(List.of(new ToJsonb(), new FromJsonb()));
	}

	@WritingConverter
	static final class ToJsonb implements Converter<JsonColumn, PGobject> {

		@Override
		public PGobject convert(JsonColumn source) {
			PGobject jsonb = new PGobject();
			jsonb.setType("jsonb");
			try {
				jsonb.setValue(source.json());
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			return jsonb;
		}

	}

	@ReadingConverter
	static final class FromJsonb implements Converter<PGobject, JsonColumn> {

		@Override
		public JsonColumn convert(PGobject source) {
			String value = source.getValue();
			return new JsonColumn((value != null) ? value : "null");
		}

	}

}
