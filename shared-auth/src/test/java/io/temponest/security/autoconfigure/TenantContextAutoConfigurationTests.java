package io.temponest.security.autoconfigure;

import javax.sql.DataSource;

import io.temponest.security.tenant.TenantAwareTransactionManager;
import io.temponest.security.tenant.TenantQueries;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TenantContextAutoConfiguration}: the tenant-aware transaction manager and its
 * back-off.
 */
class TenantContextAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TenantContextAutoConfiguration.class));

	@Test
	void dataSourcePresentThenTenantAwareTransactionManager() {
		this.runner.withBean(DataSource.class, TenantContextAutoConfigurationTests::dataSource)
			.run((context) -> assertThat(context).getBean(TransactionManager.class)
				.isInstanceOf(TenantAwareTransactionManager.class));
	}

	@Test
	void dataSourcePresentThenTenantTransactions() {
		this.runner.withBean(DataSource.class, TenantContextAutoConfigurationTests::dataSource)
			.run((context) -> assertThat(context).hasSingleBean(TenantTransactions.class));
	}

	@Test
	void dataSourcePresentThenTenantQueries() {
		this.runner.withBean(DataSource.class, TenantContextAutoConfigurationTests::dataSource)
			.run((context) -> assertThat(context).hasSingleBean(TenantQueries.class));
	}

	@Test
	void transactionManagerWhenUserDefinedThenBacksOff() {
		this.runner.withBean(DataSource.class, TenantContextAutoConfigurationTests::dataSource)
			.withBean("customTransactionManager", TransactionManager.class,
					() -> new DataSourceTransactionManager(dataSource()))
			.run((context) -> assertThat(context).hasSingleBean(TransactionManager.class)
				.doesNotHaveBean(TenantAwareTransactionManager.class));
	}

	@Test
	void dataSourceAbsentThenNothingRegistered() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(TransactionManager.class));
	}

	@Test
	void jdbcAbsentThenNothingRegistered() {
		this.runner.withBean(DataSource.class, TenantContextAutoConfigurationTests::dataSource)
			.withClassLoader(new FilteredClassLoader(JdbcTransactionManager.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TransactionManager.class));
	}

	private static DataSource dataSource() {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		return new DriverManagerDataSource(infrastructure.jdbcUrl(), infrastructure.appRole(),
				infrastructure.appPassword());
	}

}
