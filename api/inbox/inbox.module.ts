import { Module } from '@nestjs/common';
import { InboxController, NotificationPreferencesController } from './inbox.controller';
import { InboxService } from './inbox.service';
import { NotificationPreferencesService } from './notification-preferences.service';

/** 站内信 and 通知偏好 of the authenticated member. */
@Module({
  controllers: [InboxController, NotificationPreferencesController],
  providers: [InboxService, NotificationPreferencesService],
})
export class InboxModule {}
